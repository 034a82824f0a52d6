using SplitDns.Server.Hosting;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Hosting;

public partial class ForwarderSettingsReaderTests
{
    [Fact]
    public void Read_CookiesUdpPoolAndStaleTimer_DefaultsAndOverrides()
    {
        (ServerSettings d, _) = Read(false);
        (ServerSettings s, List<string> errors) = Read(false,
            "--SplitDns:Forwarders:Cookies=false",
            "--SplitDns:Forwarders:UdpPool:Size=8",
            "--SplitDns:Forwarders:UdpPool:MaxQueriesPerSocket=100",
            "--SplitDns:Forwarders:UdpPool:MaxSocketAgeSeconds=30",
            "--SplitDns:Forwarders:Cache:StaleClientTimeoutMs=0");

        Assert.Empty(errors);
        Assert.True(d.Forwarders.Cookies);
        Assert.Equal(64, d.Forwarders.UdpPool.Size);
        Assert.Equal(TimeSpan.FromMilliseconds(1800), d.Forwarders.Cache.StaleClientTimeout);
        Assert.False(s.Forwarders.Cookies);
        Assert.Equal(8, s.Forwarders.UdpPool.Size);
        Assert.Equal(100, s.Forwarders.UdpPool.MaxQueriesPerSocket);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Forwarders.UdpPool.MaxSocketAge);
        Assert.Equal(TimeSpan.Zero, s.Forwarders.Cache.StaleClientTimeout);
    }

    [Theory]
    [InlineData("UdpPool:Size=0", "UdpPool:Size")]
    [InlineData("UdpPool:MaxSocketAgeSeconds=-1", "UdpPool:MaxSocketAgeSeconds")]
    [InlineData("Cache:StaleClientTimeoutMs=99999", "Cache:StaleClientTimeoutMs")]
    [InlineData("Cookies=maybe", "Cookies")]
    public void Read_BadHardeningValue_ErrorNamesKey(string setting, string key)
    {
        (_, List<string> errors) = Read(false, "--SplitDns:Forwarders:" + setting);

        Assert.Contains(errors, e => e.Contains("Forwarders:" + key, StringComparison.Ordinal));
    }
}
