using SplitDns.Server.Hosting;
using static SplitDns.Server.Tests.Hosting.SettingsFromArgs;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>Configuration binding of SplitDns:Limits and SplitDns:Forwarders:MaxInFlight (no traffic is sent).</summary>
public class LimitsSettingsReaderTests
{
    [Fact]
    public void Read_Nothing_DocumentedDefaults()
    {
        (ServerSettings s, List<string> errors) = Read();

        Assert.DoesNotContain(errors, e => e.Contains("Limits", StringComparison.Ordinal));
        Assert.Equal(32, s.Limits.TcpConnectionsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Limits.TcpMessageTimeout);
        Assert.Equal(16, s.Limits.TcpQueriesPerConnection);
        Assert.Equal(512, s.Limits.UdpQueriesInFlight);
        Assert.Equal(10, s.Limits.TransfersOut);
        Assert.Equal(32 * 1024, s.Limits.UpdateMaxBytes);
        Assert.Equal(1000, s.Limits.UpdateMaxRecords);
        Assert.Equal(1000, s.Forwarders.MaxInFlight);
    }

    [Fact]
    public void Read_Overrides_Applied()
    {
        (ServerSettings s, List<string> errors) = Read("--SplitDns:Limits:TcpConnectionsPerClient=4", "--SplitDns:Limits:TcpMessageTimeoutMs=1500",
            "--SplitDns:Limits:TransfersOut=2", "--SplitDns:Forwarders:MaxInFlight=50");

        Assert.DoesNotContain(errors, e => e.Contains("Limits", StringComparison.Ordinal) || e.Contains("MaxInFlight", StringComparison.Ordinal));
        Assert.Equal(4, s.Limits.TcpConnectionsPerClient);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), s.Limits.TcpMessageTimeout);
        Assert.Equal(2, s.Limits.TransfersOut);
        Assert.Equal(50, s.Forwarders.MaxInFlight);
    }

    [Theory]
    [InlineData("TcpConnectionsPerClient", "0", "SplitDns:Limits:TcpConnectionsPerClient: '0' is not an integer in 1..100000")]
    [InlineData("TcpMessageTimeoutMs", "50", "SplitDns:Limits:TcpMessageTimeoutMs: '50' is not an integer in 100..120000")]
    [InlineData("UdpQueriesInFlight", "many", "SplitDns:Limits:UdpQueriesInFlight: 'many' is not an integer in 1..100000")]
    [InlineData("UpdateMaxBytes", "100", "SplitDns:Limits:UpdateMaxBytes: '100' is not an integer in 512..65535")]
    public void Read_OutOfRange_KeyAndReason(string key, string value, string error)
    {
        (_, List<string> errors) = Read($"--SplitDns:Limits:{key}={value}");

        Assert.Contains(error, errors);
    }
}
