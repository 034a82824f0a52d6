using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tests.Hosting;

public class ServerSettingsReaderTests
{
    private static (ServerSettings Settings, List<string> Errors) Read(params (string Key, string Value)[] values)
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var errors = new List<string>();
        return (ServerSettingsReader.Read(config, AppContext.BaseDirectory, errors), errors);
    }

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData("8192", 8192, false)]
    [InlineData("-1", 0, true)]
    [InlineData("99999999", 0, true)]
    public void Read_TcpSendBufferBytes_DefaultRangeAndErrors(string? text, int expected, bool error)
    {
        var (settings, errors) = text is null ? Read() : Read(("SplitDns:Tcp:SendBufferBytes", text));

        Assert.Equal(expected, settings.TcpSendBufferBytes);
        Assert.Equal(error, errors.Any(e => e.StartsWith("SplitDns:Tcp:SendBufferBytes:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_Defaults_ListenOnPort53AndHttp5380()
    {
        var (settings, errors) = Read();

        Assert.Empty(errors);
        Assert.Equal(["0.0.0.0:53", "[::]:53"], settings.DnsEndpoints.Select(e => e.ToString()));
        Assert.Equal("0.0.0.0:5380", settings.HttpEndpoints.Single().ToString());
        Assert.Equal(1232, settings.MaxUdpPayload);
    }

    [Fact]
    public void Read_UdpBatchSize_DefaultsTo32AndTakesAValue()
    {
        Assert.Equal(32, Read().Settings.UdpBatchSize);
        Assert.Equal(1, Read(("SplitDns:Udp:BatchSize", "1")).Settings.UdpBatchSize);
    }

    [Fact]
    public void Read_EndpointList_CommaSeparatedString()
    {
        var (settings, errors) = Read(("SplitDns:Listen:Dns", "127.0.0.1:5353, [::1]:5353"));

        Assert.Empty(errors);
        Assert.Equal(2, settings.DnsEndpoints.Count);
    }

    [Theory]
    [InlineData("SplitDns:Listen:Dns", "localhost:53", "SplitDns:Listen:Dns: 'localhost:53' is not an endpoint")]
    [InlineData("SplitDns:Listen:Dns", "127.0.0.1", "SplitDns:Listen:Dns: '127.0.0.1' is not an endpoint")]
    [InlineData("SplitDns:Tcp:MaxConnections", "lots", "SplitDns:Tcp:MaxConnections: 'lots' is not an integer in 1..100000")]
    [InlineData("SplitDns:Udp:MaxPayload", "100", "SplitDns:Udp:MaxPayload: '100' is not an integer in 512..4096")]
    [InlineData("SplitDns:Udp:BatchSize", "0", "SplitDns:Udp:BatchSize: '0' is not an integer in 1..256")]
    [InlineData("SplitDns:Udp:BatchSize", "1000", "SplitDns:Udp:BatchSize: '1000' is not an integer in 1..256")]
    [InlineData("SplitDns:Domain", "bad..name", "SplitDns:Domain: 'bad..name' is not a domain name")]
    [InlineData("SplitDns:WatchZoneFiles", "maybe", "SplitDns:WatchZoneFiles: 'maybe' is not true or false")]
    public void Read_InvalidValue_ErrorNamesKeyAndReason(string key, string value, string expected)
    {
        var (_, errors) = Read((key, value));

        Assert.StartsWith(expected, Assert.Single(errors));
    }

    [Fact]
    public void Read_ZoneWithoutOrigin_UsesDomain()
    {
        var (settings, errors) = Read(("SplitDns:Domain", "home.example"), ("SplitDns:Zones:0:File", "x.zone"));

        Assert.Empty(errors);
        Assert.Equal("home.example.", settings.Zones.Single().Origin.ToString());
        Assert.EndsWith("x.zone", settings.Zones.Single().File);
    }

    [Fact]
    public void Read_ZoneWithoutFile_Error()
    {
        var (_, errors) = Read(("SplitDns:Zones:0:Origin", "a.test"));

        Assert.StartsWith("SplitDns:Zones:0:File: missing", Assert.Single(errors));
    }

    [Fact]
    public void Read_DuplicateZone_Error()
    {
        var (_, errors) = Read(("SplitDns:Zones:0:File", "a.zone"), ("SplitDns:Zones:1:File", "b.zone"));

        Assert.Contains("is already configured at SplitDns:Zones:0", Assert.Single(errors));
    }

    [Fact]
    public void Read_ClientAddress_DefaultsEmptyAndFiveSeconds()
    {
        var (settings, errors) = Read();

        Assert.Empty(errors);
        Assert.Equal(0, settings.ClientAddress.ClientSubnetTrustedSources.Count);
        Assert.Equal(0, settings.ClientAddress.ProxyTrustedNetworks.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ClientAddress.ProxyHeaderTimeout);
    }

    [Fact]
    public void Read_ClientAddress_ListsAndTimeout()
    {
        var (settings, errors) = Read(
            ("SplitDns:ClientSubnet:TrustedSources", "10.42.0.0/16, 10.96.0.10"),
            ("SplitDns:ProxyProtocol:TrustedNetworks:0", "192.168.1.5"),
            ("SplitDns:ProxyProtocol:TrustedNetworks:1", "fd00::/8"),
            ("SplitDns:ProxyProtocol:HeaderTimeoutSeconds", "2"));

        Assert.Empty(errors);
        Assert.True(settings.ClientAddress.ClientSubnetTrustedSources.Contains(System.Net.IPAddress.Parse("10.96.0.10")));
        Assert.False(settings.ClientAddress.ClientSubnetTrustedSources.Contains(System.Net.IPAddress.Parse("10.96.0.11")));
        Assert.Equal(2, settings.ClientAddress.ProxyTrustedNetworks.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.ClientAddress.ProxyHeaderTimeout);
    }

    [Fact]
    public void Read_ClientAddress_BadValues_ErrorsNameTheKey()
    {
        var (_, errors) = Read(
            ("SplitDns:ClientSubnet:TrustedSources", "coredns"),
            ("SplitDns:ProxyProtocol:TrustedNetworks", "10.0.0.0/33"),
            ("SplitDns:ProxyProtocol:HeaderTimeoutSeconds", "0"));

        Assert.Contains(errors, e => e.StartsWith("SplitDns:ClientSubnet:TrustedSources: 'coredns'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:ProxyProtocol:TrustedNetworks: '10.0.0.0/33'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:ProxyProtocol:HeaderTimeoutSeconds:", StringComparison.Ordinal));
    }
}
