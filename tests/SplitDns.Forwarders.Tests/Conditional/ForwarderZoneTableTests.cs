using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;

namespace SplitDns.Forwarders.Tests.Conditional;

public class ForwarderZoneTableTests
{
    private static ForwarderZoneTable Table(params string[] zones)
    {
        var endpoint = new UpstreamEndpoint { Transport = UpstreamTransportKind.Udp, Address = System.Net.IPAddress.Loopback, Port = 53 };
        return new ForwarderZoneTable(zones.Select(z =>
        {
            var server = new UpstreamServer(endpoint, _ => new NeverTransport(), new UpstreamHealthOptions(), TimeSpan.FromSeconds(1),
                new ForwarderMetrics(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            return new ForwarderZone(DnsName.Parse(z), new UpstreamGroup([server], UpstreamStrategy.Ordered, TimeSpan.FromSeconds(1)));
        }));
    }

    [Theory]
    [InlineData("printer.lan.example.com.", "lan.example.com.", 3)]
    [InlineData("LAN.Example.COM.", "lan.example.com.", 3)]
    [InlineData("www.example.com.", "example.com.", 2)]
    [InlineData("example.com.", "example.com.", 2)]
    [InlineData("a.b.c.lan.example.com.", "lan.example.com.", 3)]
    public void TryMatch_LongestSuffix_ReturnsZoneAndLabelCount(string name, string zone, int labels)
    {
        ForwarderZoneTable table = Table("example.com.", "lan.example.com.");

        Assert.True(table.TryMatch(DnsName.Parse(name), out ForwarderZone? match, out int labelCount));
        Assert.Equal(DnsName.Parse(zone), match!.Zone);
        Assert.Equal(labels, labelCount);
    }

    [Theory]
    [InlineData("xexample.com.")]
    [InlineData("com.")]
    [InlineData(".")]
    public void TryMatch_Outside_False(string name)
    {
        Assert.False(Table("example.com.", "lan.example.com.").TryMatch(DnsName.Parse(name), out _, out int labelCount));
        Assert.Equal(-1, labelCount);
    }

    [Fact]
    public void TryMatch_RootForwarder_MatchesEverythingWithZeroLabels()
    {
        Assert.True(Table(".").TryMatch(DnsName.Parse("anything.org."), out _, out int labelCount));
        Assert.Equal(0, labelCount);
    }

    [Fact]
    public void Constructor_DuplicateZone_Throws() =>
        Assert.Throws<ArgumentException>(() => Table("lan.example.com.", "LAN.example.com."));

    private sealed class NeverTransport : IUpstreamTransport
    {
        public ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct) => throw new IOException("not used");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
