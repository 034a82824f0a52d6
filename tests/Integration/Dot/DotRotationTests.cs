using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;

namespace SplitDns.Integration.Tests.Dot;

/// <summary>
/// Certificate rotation with no restart: the default certificate's Secret volume gets a renewed
/// pair (the ..data swap kubelet does) while a client keeps querying on a connection it opened
/// before; new connections get the new certificate, the open one keeps working. A broken pair
/// written after that keeps the renewed one serving.
/// </summary>
public sealed class DotRotationTests(DotServerFixture server) : IClassFixture<DotServerFixture>
{
    [Fact]
    public async Task Rotate_WhileAClientQueries_NewConnectionsGetTheNewCertificate()
    {
        using DotClient before = server.Connect();
        Assert.Equal(server.Default.Thumbprint, before.Certificate.Thumbprint);
        IssuedCertificate renewed = server.Pki.Issue([DotServerFixture.DefaultHost]);
        ushort id = 1;

        server.Pki.WriteSecretVolume(server.SecretDirectory, renewed);

        // Bounded: the watcher (or the 1 s re-check) swaps it in; each round the old connection answers too.
        string? seen = null;
        for (int i = 0; i < 100 && seen != renewed.Thumbprint; i++)
        {
            before.Send(RawDns.Query("example.com.", RecordType.SOA, id++));
            Assert.NotNull(before.Read());
            using DotClient probe = server.Connect();
            seen = probe.Certificate.Thumbprint;
            await Task.Delay(100);
        }

        Assert.Equal(renewed.Thumbprint, seen);
        before.Send(RawDns.Query("example.com.", RecordType.NS, id++));
        Assert.NotNull(before.Read());
        Assert.Equal("NOERROR", server.KdigTls("example.com SOA").Status);
        Assert.True(await server.CounterAsync("splitdns_tls_certificate_reloads_total{result=\"ok\"}") >= 1);

        // A key from another renewal: logged and counted; the renewed certificate keeps serving.
        long errors = await server.CounterAsync("splitdns_tls_certificate_reloads_total{result=\"error\"}");
        IssuedCertificate broken = server.Pki.Issue([DotServerFixture.DefaultHost]);
        server.Pki.WriteSecretVolume(server.SecretDirectory, broken with { KeyPem = server.Pki.Issue(["x.example.test"]).KeyPem });
        long after = errors;
        for (int i = 0; i < 100 && after == errors; i++)
        {
            await Task.Delay(100);
            after = await server.CounterAsync("splitdns_tls_certificate_reloads_total{result=\"error\"}");
        }

        Assert.True(after > errors, "the mismatched pair should be counted as a failed reload");
        using DotClient later = server.Connect();
        Assert.Equal(renewed.Thumbprint, later.Certificate.Thumbprint);
    }
}
