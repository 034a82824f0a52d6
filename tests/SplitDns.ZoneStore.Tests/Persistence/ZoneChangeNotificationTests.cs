using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence.Postgres;

namespace SplitDns.ZoneStore.Tests.Persistence;

public sealed class ZoneChangeNotificationTests
{
    [Theory]
    [InlineData("", "example.com.", 100u)]
    [InlineData("tailscale", "example.com.", 4294967295u)]
    [InlineData("", "0/25.2.0.192.in-addr.arpa.", 7u)]
    [InlineData("lan", "we\\032ird.example.", 0u)]
    [InlineData("", ".", 1u)]
    public void TryParse_FormattedPayload_RoundTrips(string view, string origin, uint serial)
    {
        var zone = new ZoneKey(view, DnsName.Parse(origin));

        Assert.True(ZoneChangeNotification.TryParse(ZoneChangeNotification.Format(zone, serial), out ZoneKey back, out uint backSerial));

        Assert.Equal((zone, serial), (back, backSerial));
        Assert.Equal(view, back.View);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com. 5")]
    [InlineData("/example.com.")]
    [InlineData("/example.com. -1")]
    [InlineData("/example.com. 4294967296")]
    [InlineData("/example.com 5")]
    [InlineData("/ 5")]
    [InlineData("/example..com. 5")]
    public void TryParse_Malformed_False(string payload)
    {
        Assert.False(ZoneChangeNotification.TryParse(payload, out _, out _));
    }
}
