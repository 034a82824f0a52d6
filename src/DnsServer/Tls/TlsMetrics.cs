using System.Diagnostics.Metrics;

namespace SplitDns.Server.Tls;

/// <summary>
/// Certificate metrics on the server's meter, observed at scrape time so every series exists
/// from start: splitdns_tls_certificate_reloads_total{result="ok"|"error"} and
/// splitdns_tls_certificate_expiry_timestamp_seconds{certificate} (the serving certificate's
/// not-after, Unix seconds: alert on it minus time()).
/// </summary>
public sealed class TlsMetrics
{
    private long _ok;
    private long _error;
    private TlsCertificateSource? _source;

    public TlsMetrics(Meter meter)
    {
        meter.CreateObservableCounter("splitdns.tls.certificate.reloads", ObserveReloads, "{reload}",
            "Certificate reloads after a file change, by result (ok, error: the previous certificate kept serving)");
        meter.CreateObservableGauge("splitdns.tls.certificate.expiry.timestamp.seconds", ObserveExpiry, "s",
            "Not-after time of each serving certificate (Unix seconds), by certificate file");
    }

    internal void Attach(TlsCertificateSource source) => Volatile.Write(ref _source, source);

    internal void Reloaded(bool success) => Interlocked.Increment(ref success ? ref _ok : ref _error);

    private IEnumerable<Measurement<long>> ObserveReloads() =>
    [
        new(Volatile.Read(ref _ok), new KeyValuePair<string, object?>("result", "ok")),
        new(Volatile.Read(ref _error), new KeyValuePair<string, object?>("result", "error")),
    ];

    private IEnumerable<Measurement<long>> ObserveExpiry()
    {
        if (Volatile.Read(ref _source) is not { } source)
        {
            return [];
        }

        var measurements = new List<Measurement<long>>();
        foreach (TlsCertificate c in source.Current)
        {
            measurements.Add(new(c.NotAfter.ToUnixTimeSeconds(),
                new KeyValuePair<string, object?>("certificate", c.Settings.CertificatePath)));
        }

        return measurements;
    }
}
