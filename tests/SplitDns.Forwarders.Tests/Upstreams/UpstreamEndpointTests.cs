using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders.Tests.Upstreams;

public class UpstreamEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1", UpstreamTransportKind.Udp, "127.0.0.1", 53, "udp://127.0.0.1:53")]
    [InlineData("127.0.0.1:5353", UpstreamTransportKind.Udp, "127.0.0.1", 5353, "udp://127.0.0.1:5353")]
    [InlineData("udp://127.0.0.2", UpstreamTransportKind.Udp, "127.0.0.2", 53, "udp://127.0.0.2:53")]
    [InlineData("tcp://[::1]:5300", UpstreamTransportKind.Tcp, "::1", 5300, "tcp://[::1]:5300")]
    [InlineData("::1", UpstreamTransportKind.Udp, "::1", 53, "udp://[::1]:53")]
    [InlineData("tls://1.1.1.1#cloudflare-dns.com", UpstreamTransportKind.Tls, "1.1.1.1", 853, "tls://1.1.1.1:853#cloudflare-dns.com")]
    public void TryParse_ShortForms_Parsed(string text, UpstreamTransportKind kind, string address, int port, string label)
    {
        Assert.True(UpstreamEndpoint.TryParse(text, out UpstreamEndpoint? e, out string? error), error);

        Assert.Equal(kind, e!.Transport);
        Assert.Equal(address, e.Address!.ToString());
        Assert.Equal(port, e.Port);
        Assert.Equal(label, e.Label);
    }

    [Fact]
    public void TryParse_HttpsUrl_KeepsUrlAndTlsName()
    {
        Assert.True(UpstreamEndpoint.TryParse("https://dns.example/dns-query", out UpstreamEndpoint? e, out _));

        Assert.Equal(UpstreamTransportKind.Https, e!.Transport);
        Assert.Equal("dns.example", e.TlsName);
        Assert.Equal(443, e.Port);
        Assert.Null(e.Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dns.google")]
    [InlineData("quic://1.1.1.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("udp://127.0.0.1#name")]
    [InlineData("tls://1.1.1.1#")]
    [InlineData("[::1")]
    [InlineData("https://")]
    public void TryParse_Invalid_FailsWithReason(string text)
    {
        Assert.False(UpstreamEndpoint.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
