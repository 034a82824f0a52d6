using System.Buffers.Binary;
using System.Net;
using System.Security.Authentication;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Dot;

/// <summary>
/// DNS over TLS (RFC 7858) end to end: kdig +tls against a certificate from a CA made in the
/// test, SNI choosing the certificate, pipelined queries on one connection, the views by DoT
/// listener, the TCP limits (per-client connections, idle timeout) and the transport="dot" metrics.
/// </summary>
public sealed class DotTests(DotServerFixture server) : IClassFixture<DotServerFixture>
{
    [Fact]
    public void Kdig_TlsVerifiedAgainstTestCa_Answers()
    {
        DigResult r = server.KdigTls("example.com SOA");

        Assert.Equal("NOERROR", r.Status);
        Assert.Contains(r.Answer, a => a.Contains("SOA", StringComparison.Ordinal));
        Assert.Contains("TLS session", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kdig_WrongHostname_RefusesTheCertificate()
    {
        // kdig checks the name against the certificate: a name no certificate has gets the
        // default one, which does not carry it.
        DigResult r = server.KdigTls("example.com SOA", hostname: "nobody.example.test");

        Assert.Equal("", r.Status);
        Assert.Empty(r.Answer);
    }

    [Fact]
    public void Kdig_OtherHostname_SniPicksItsCertificate()
    {
        DigResult r = server.KdigTls("example.com SOA", hostname: DotServerFixture.OtherHost);

        Assert.Equal("NOERROR", r.Status);
    }

    [Theory]
    [InlineData(DotServerFixture.DefaultHost, false)]
    [InlineData(DotServerFixture.OtherHost, true)]
    [InlineData("OTHER.example.test", true)]
    [InlineData("unknown.example.test", false)]
    [InlineData(null, false)]
    public void Handshake_SniName_PresentsTheMatchingCertificate(string? sni, bool other)
    {
        using DotClient client = server.Connect(sni);

        Assert.Equal(other ? server.Other.Thumbprint : server.Default.Thumbprint, client.Certificate.Thumbprint);
    }

    [Fact]
    public void Pipelining_FiveQueriesInOneWrite_FiveAnswersOnTheSameConnection()
    {
        using DotClient client = server.Connect();
        var queries = new byte[5][];
        for (ushort id = 1; id <= 5; id++)
        {
            queries[id - 1] = RawDns.Query("example.com.", id % 2 == 0 ? RecordType.NS : RecordType.SOA, (ushort)(100 + id));
        }

        client.Send(queries);

        var ids = new HashSet<ushort>();
        for (int i = 0; i < 5; i++)
        {
            byte[]? answer = client.Read();
            Assert.NotNull(answer);
            Assert.Equal(0, answer[3] & 0x0F);
            ids.Add(BinaryPrimitives.ReadUInt16BigEndian(answer));
        }

        Assert.Equal((ushort[])[101, 102, 103, 104, 105], ids.Order().ToArray());
    }

    [Fact]
    public void ViewByListener_SecondDotEndpoint_IsTheTlsOnlyView()
    {
        DigResult main = server.KdigTls("example.com SOA");
        DigResult view = server.KdigTls("example.com SOA", port: server.ViewDotPort);

        Assert.Equal("NOERROR", main.Status);
        Assert.Equal("REFUSED", view.Status);
    }

    [Fact]
    public async Task Metrics_DotQueries_CountedWithTransportDot()
    {
        string series = "splitdns_dns_requests_total{opcode=\"QUERY\",transport=\"dot\",rcode=\"NOERROR\"}";
        long before = Math.Max(0, await server.CounterAsync(series));

        Assert.Equal("NOERROR", server.KdigTls("example.com SOA").Status);

        Assert.True(await server.CounterAsync(series) > before);
        string text = await server.MetricsAsync();
        Assert.Contains("splitdns_dns_malformed_packets_total{transport=\"dot\"} ", text, StringComparison.Ordinal);
        Assert.Contains("splitdns_dns_dot_connections_accepted_total ", text, StringComparison.Ordinal);
        Assert.Contains("splitdns_tls_certificate_reloads_total{result=\"error\"} 0", text, StringComparison.Ordinal);
        Assert.Contains($"splitdns_tls_certificate_expiry_timestamp_seconds{{certificate=\"{server.OtherCertificatePath}\"}} "
            + new DateTimeOffset(server.Other.NotAfter.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeSeconds(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerClientQuota_FourthConnection_ClosedBeforeTheHandshake()
    {
        string limited = "splitdns_limited_total{limit=\"tcp_connections_per_client\"}";
        string dropped = "splitdns_dns_dropped_packets_total{transport=\"dot\",reason=\"connection_limit\"}";
        long before = await server.CounterAsync(limited);
        long droppedBefore = await server.CounterAsync(dropped);
        var source = IPAddress.Parse("127.0.43.1");
        var held = new List<DotClient>();
        try
        {
            for (ushort id = 1; id <= 3; id++)
            {
                DotClient c = server.Connect(source: source);
                held.Add(c);
                c.Send(RawDns.Query("example.com.", RecordType.SOA, id));
                Assert.NotNull(c.Read());
            }

            Exception? refused = Record.Exception(() => server.Connect(source: source).Dispose());
            Assert.True(refused is IOException or AuthenticationException, $"the fourth connection should fail its handshake, got {refused}");

            Assert.True(await server.CounterAsync(limited) > before);
            Assert.True(await server.CounterAsync(dropped) > droppedBefore);

            // Another client is served meanwhile, and so are the held connections.
            using DotClient other = server.Connect(source: IPAddress.Parse("127.0.43.2"));
            other.Send(RawDns.Query("example.com.", RecordType.SOA, 9));
            Assert.NotNull(other.Read());
            held[0].Send(RawDns.Query("example.com.", RecordType.SOA, 10));
            Assert.NotNull(held[0].Read());
        }
        finally
        {
            foreach (DotClient c in held)
            {
                c.Dispose();
            }
        }
    }

    [Fact]
    public async Task IdleTimeout_SilentConnection_ClosedByTheServer()
    {
        string series = "splitdns_limited_total{limit=\"tcp_idle_timeout\"}";
        long before = await server.CounterAsync(series);
        using DotClient client = server.Connect(source: IPAddress.Parse("127.0.43.3"));
        client.Send(RawDns.Query("example.com.", RecordType.SOA, 1));
        Assert.NotNull(client.Read());

        // Nothing more is sent: the server closes after the 2 s idle timeout (the read is bounded at 10 s).
        Assert.Null(client.Read());
        Assert.True(await server.CounterAsync(series) > before);
    }

    [Fact]
    public void Dig_TlsWithKeepalive_AnnouncesTheIdleTimeout()
    {
        // BIND's dig speaks DoT too (+tls); edns-tcp-keepalive (RFC 7828) applies as over TCP: 2 s = 20 units.
        DigResult r = DigResult.Parse(Dig.Run("dig", $"@{server.Address} -p {server.DotPort} +tls-ca={server.Pki.CaPath} "
            + $"+tls-hostname={DotServerFixture.DefaultHost} +keepalive +norec +time=3 +tries=1 example.com SOA"));

        Assert.Equal("NOERROR", r.Status);
        Assert.Contains("TCP KEEPALIVE: 2.0 secs", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFrame_GarbageAfterHandshake_ConnectionClosedServerAlive()
    {
        using (DotClient client = server.Connect())
        {
            // A length prefix of 1: too short for a header, answered FORMERR or closed; either way no stall.
            client.Stream.Write([0x00, 0x01, 0xFF]);
            client.Stream.Flush();
            byte[]? reply = client.Read();
            Assert.True(reply is null || (reply[3] & 0x0F) == (int)DnsRcode.FormErr);
        }

        Assert.Equal("NOERROR", server.KdigTls("example.com SOA").Status);
    }
}
