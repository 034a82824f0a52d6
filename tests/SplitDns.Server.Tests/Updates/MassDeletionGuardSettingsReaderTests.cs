using Microsoft.Extensions.Configuration;
using SplitDns.Protocol.Names;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates.Guard;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Tests.Updates;

public class MassDeletionGuardSettingsReaderTests
{
    private static readonly ZoneKey s_zone = ZoneKey.Shared(DnsName.Parse("example.com."));

    /// <summary>example.com with grant 0 = external-dns preset for key "ext", grant 1 = key "other" for every name.</summary>
    private static (MassDeletionGuardSettings Settings, List<string> Errors) Read(params (string Key, string Value)[] values)
    {
        (string, string)[] basics =
        [
            ("SplitDns:Zones:0:File", "example.com.zone"),
            ("SplitDns:Tsig:Keys:0:Name", "ext"), ("SplitDns:Tsig:Keys:0:Secret", "c2VjcmV0"),
            ("SplitDns:Tsig:Keys:1:Name", "other"), ("SplitDns:Tsig:Keys:1:Secret", "c2VjcmV0"),
            ("SplitDns:Zones:0:Updates:0:Preset", "external-dns"), ("SplitDns:Zones:0:Updates:0:Key", "ext"),
            ("SplitDns:Zones:0:Updates:1:Key", "other"), ("SplitDns:Zones:0:Updates:1:Names:0", "**"),
        ];
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection(basics.Concat(values).Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2)))
            .Build();
        var errors = new List<string>();
        StartupSettings startup = StartupSettings.Read(config, "/srv/splitdns", errors);
        return (startup.Dynamic.MassDeletionGuard, errors);
    }

    [Fact]
    public void Read_Defaults_OnForThePresetKeyOnlyWithQuarterShareTenRecordsTenMinutes()
    {
        var (s, errors) = Read();

        Assert.Empty(errors);
        Assert.True(s.Guards(s_zone, "ext"));
        Assert.True(s.Guards(s_zone, "EXT."));
        Assert.False(s.Guards(s_zone, "other"));
        Assert.False(s.Guards(s_zone, null));
        Assert.Equal(0.25, s.MaxDeleteShare);
        Assert.Equal(10, s.MinDeletions);
        Assert.Equal(TimeSpan.FromMinutes(10), s.Window);
        Assert.Equal(TimeSpan.FromMinutes(15), s.ApprovalLifetime);
    }

    [Fact]
    public void Read_EnabledFalse_OffEvenForThePreset()
    {
        var (s, errors) = Read(("SplitDns:Updates:MassDeletionGuard:Enabled", "false"));

        Assert.Empty(errors);
        Assert.False(s.Guards(s_zone, "ext"));
    }

    [Fact]
    public void Read_EnabledTrueAndGrantOff_EveryKeyButTheOneSwitchedOff()
    {
        var (s, errors) = Read(("SplitDns:Updates:MassDeletionGuard:Enabled", "true"), ("SplitDns:Zones:0:Updates:0:MassDeletionGuard", "false"));

        Assert.Empty(errors);
        Assert.False(s.Guards(s_zone, "ext"));
        Assert.True(s.Guards(s_zone, "other"));
    }

    [Theory]
    [InlineData("MaxDeleteShare", "50%", 0.5)]
    [InlineData("MaxDeleteShare", "0.1", 0.1)]
    [InlineData("MaxDeleteShare", "1", 1.0)]
    public void Read_Share_NumberOrPercent(string key, string value, double expected)
    {
        var (s, errors) = Read(("SplitDns:Updates:MassDeletionGuard:" + key, value));

        Assert.Empty(errors);
        Assert.Equal(expected, s.MaxDeleteShare, 6);
    }

    [Theory]
    [InlineData("SplitDns:Updates:MassDeletionGuard:MaxDeleteShare", "0", "SplitDns:Updates:MassDeletionGuard:MaxDeleteShare: '0' is not a share in (0, 1]")]
    [InlineData("SplitDns:Updates:MassDeletionGuard:MaxDeleteShare", "150%", "SplitDns:Updates:MassDeletionGuard:MaxDeleteShare: '150%' is not a share")]
    [InlineData("SplitDns:Updates:MassDeletionGuard:MinDeletions", "0", "SplitDns:Updates:MassDeletionGuard:MinDeletions: '0' is not an integer in 1..")]
    [InlineData("SplitDns:Updates:MassDeletionGuard:WindowSeconds", "soon", "SplitDns:Updates:MassDeletionGuard:WindowSeconds: 'soon' is not an integer")]
    [InlineData("SplitDns:Updates:MassDeletionGuard:ApprovalSeconds", "-5", "SplitDns:Updates:MassDeletionGuard:ApprovalSeconds: '-5' is not an integer")]
    [InlineData("SplitDns:Updates:MassDeletionGuard:Enabled", "yes", "SplitDns:Updates:MassDeletionGuard:Enabled: 'yes' is not true or false")]
    [InlineData("SplitDns:Zones:0:Updates:0:MassDeletionGuard", "on", "SplitDns:Zones:0:Updates:0:MassDeletionGuard: 'on' is not true or false")]
    public void Read_BadValue_KeyColonReason(string key, string value, string error)
    {
        var (_, errors) = Read((key, value));

        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }
}
