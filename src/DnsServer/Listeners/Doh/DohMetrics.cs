using System.Diagnostics.Metrics;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// splitdns_doh_rejected_total{reason}: DoH HTTP requests answered with an HTTP error instead of
/// a DNS message (and HTTPS connections refused by the per-client limit). Observed at scrape time, so every reason's series exists from start at 0.
/// Answered queries are in splitdns_dns_queries_total{transport="doh"}.
/// </summary>
public sealed class DohMetrics
{
    private static readonly string[] s_reasons =
    [
        "method", "missing_parameter", "bad_base64", "content_type", "too_large", "body_on_get", "not_a_query",
        "multiple_messages", "no_answer", "aborted", "connection_limit",
    ];

    private readonly long[] _rejected = new long[s_reasons.Length];

    public DohMetrics(Meter meter) =>
        meter.CreateObservableCounter("splitdns.doh.rejected", Observe, description: "DoH HTTP requests rejected, by reason");

    public static string Label(DohRejectReason reason) => s_reasons[(int)reason];

    internal void CountRejected(DohRejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    internal long Rejected(DohRejectReason reason) => Volatile.Read(ref _rejected[(int)reason]);

    private IEnumerable<Measurement<long>> Observe()
    {
        var measurements = new Measurement<long>[s_reasons.Length];
        for (int i = 0; i < s_reasons.Length; i++)
        {
            measurements[i] = new Measurement<long>(Volatile.Read(ref _rejected[i]), new KeyValuePair<string, object?>("reason", s_reasons[i]));
        }

        return measurements;
    }
}
