using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Server.Tls;

namespace SplitDns.Server.Tests.Tls;

/// <summary>Reloading: content changes (flat files, a Secret volume's ..data swap), bad new pairs, the reload and expiry metrics.</summary>
public sealed class TlsCertificateSourceReloadTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly Meter _meter = new("test.tls." + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _meter.Dispose();
        _pki.Dispose();
    }

    private static TlsSettings Settings(string cert, string key) => new()
    {
        Certificates = [new TlsCertificateSettings(cert, key, null, [], "SplitDns:Tls:Certificates:0")],
        ReloadCheckInterval = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public void CheckNow_FilesUnchanged_KeepsTheSameCertificate()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(cert, key), NullLogger.Instance);
        TlsCertificate before = source.Current[0];

        Assert.Equal(0, source.CheckNow());

        Assert.Same(before, source.Current[0]);
    }

    [Fact]
    public void CheckNow_NewPairWritten_ServesTheNewOne()
    {
        string dir = Path.Combine(_pki.Directory, "a");
        (string cert, string key) = _pki.WriteFlat(dir, _pki.Issue(["a.example.test"]));
        var metrics = new TlsMetrics(_meter);
        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(cert, key), NullLogger.Instance, metrics);
        IssuedCertificate renewed = _pki.Issue(["a.example.test"]);
        _pki.WriteFlat(dir, renewed);

        Assert.Equal(1, source.CheckNow());

        Assert.Equal(renewed.Thumbprint, source.SelectCertificate("a.example.test").Leaf.Thumbprint);
        Assert.Equal((1, 0), Reloads());
    }

    [Fact]
    public void CheckNow_MismatchedNewPair_KeepsTheOldOneAndCountsOneError()
    {
        string dir = Path.Combine(_pki.Directory, "a");
        IssuedCertificate first = _pki.Issue(["a.example.test"]);
        (string cert, string key) = _pki.WriteFlat(dir, first);
        var metrics = new TlsMetrics(_meter);
        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(cert, key), NullLogger.Instance, metrics);

        // A renewal's certificate beside the old key: what a half-finished copy leaves.
        File.WriteAllText(cert, _pki.Issue(["a.example.test"]).CertificatePem);

        Assert.Equal(0, source.CheckNow());
        Assert.Equal(0, source.CheckNow());

        Assert.Equal(first.Thumbprint, source.Current[0].Leaf.Thumbprint);
        Assert.Equal((0, 1), Reloads());

        // The key arrives: the pair loads.
        IssuedCertificate renewed = _pki.Issue(["a.example.test"]);
        _pki.WriteFlat(dir, renewed);
        Assert.Equal(1, source.CheckNow());
        Assert.Equal(renewed.Thumbprint, source.Current[0].Leaf.Thumbprint);
        Assert.Equal((1, 1), Reloads());
    }

    [Fact]
    public void CheckNow_FileDeleted_KeepsServingAndCountsOneError()
    {
        IssuedCertificate first = _pki.Issue(["a.example.test"]);
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), first);
        var metrics = new TlsMetrics(_meter);
        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(cert, key), NullLogger.Instance, metrics);
        File.Delete(key);

        source.CheckNow();
        source.CheckNow();

        Assert.Equal(first.Thumbprint, source.Current[0].Leaf.Thumbprint);
        Assert.Equal((0, 1), Reloads());
    }

    [Fact]
    public void Watch_SecretVolumeDataSwap_ReloadsWithoutACheckCall()
    {
        string dir = Path.Combine(_pki.Directory, "secret");
        (string cert, string key) = _pki.WriteSecretVolume(dir, _pki.Issue(["a.example.test"]));
        var settings = new TlsSettings
        {
            Certificates = [new TlsCertificateSettings(cert, key, null, [], "SplitDns:Tls:Certificates:0")],
            // Long enough that only the watcher can explain a reload within the wait below.
            ReloadCheckInterval = TimeSpan.FromHours(1),
        };
        using TlsCertificateSource source = TlsCertificateSource.Load(settings, NullLogger.Instance);
        source.Start();
        IssuedCertificate renewed = _pki.Issue(["a.example.test"]);

        _pki.WriteSecretVolume(dir, renewed);

        Assert.True(SpinWait.SpinUntil(() => source.Current[0].Leaf.Thumbprint == renewed.Thumbprint, TimeSpan.FromSeconds(20)),
            "the ..data swap was not picked up by the folder watcher");
    }

    [Fact]
    public void Metrics_ExpiryGauge_IsTheServingCertificatesNotAfter()
    {
        IssuedCertificate issued = _pki.Issue(["a.example.test"], notAfter: new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), issued);
        var metrics = new TlsMetrics(_meter);
        using TlsCertificateSource source = TlsCertificateSource.Load(Settings(cert, key), NullLogger.Instance, metrics);

        Dictionary<string, long> values = Observe();

        Assert.Equal(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
            values["splitdns.tls.certificate.expiry.timestamp.seconds/" + cert]);
        Assert.Equal(0, values["splitdns.tls.certificate.reloads/ok"]);
        Assert.Equal(0, values["splitdns.tls.certificate.reloads/error"]);
    }

    private (long Ok, long Error) Reloads()
    {
        Dictionary<string, long> values = Observe();
        return (values["splitdns.tls.certificate.reloads/ok"], values["splitdns.tls.certificate.reloads/error"]);
    }

    private Dictionary<string, long> Observe()
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            values[instrument.Name + "/" + tags[0].Value] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
