using System.Net;
using SplitDns.Blocking;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tests.Hosting;

/// <summary>Configuration of SplitDns:Blocking and of a view's Blocking: defaults, the short forms, removal, and errors naming their key.</summary>
public class BlockingSettingsReaderTests
{
    private static (ServerSettings Settings, List<string> Errors) Read(bool includeDefaults, params string[] args) =>
        SettingsFromArgs.ReadAt("/srv/splitdns", includeDefaults, args);

    [Fact]
    public void Read_DefaultConfiguration_HomeAndTailscaleBlockWithTheDefaultList_PodsDoNot()
    {
        (ServerSettings s, List<string> errors) = Read(true);

        Assert.Empty(errors);
        BlocklistOptions list = Assert.Single(s.Blocking.Options.Lists);
        Assert.Equal("stevenblack", list.Name);
        Assert.StartsWith("https://", list.Source, StringComparison.Ordinal);
        Assert.Equal(BlocklistFormat.Hosts, list.Format);
        Assert.Equal("/srv/splitdns/data/blocklists", s.Blocking.Options.CacheDirectory);
        Assert.Equal(["stevenblack"], s.Views.Single(v => v.Name == "home").Blocking.Lists);
        Assert.True(s.Views.Single(v => v.Name == "home").Blocking.Enabled);
        Assert.True(s.Views.Single(v => v.Name == "tailscale").Blocking.Enabled);
        Assert.False(s.Views.Single(v => v.Name == "pods").Blocking.Enabled);
    }

    [Fact]
    public void Read_DefaultListRemovedWithEmptyValue_NoViewBlocks()
    {
        (ServerSettings s, List<string> errors) = Read(true, "--SplitDns:Blocking:Lists:stevenblack=");

        Assert.Empty(errors);
        Assert.Empty(s.Blocking.Options.Lists);
        Assert.All(s.Views, v => Assert.False(v.Blocking.Enabled));
    }

    [Fact]
    public void Read_ListsAndViewChoices_ShortAndLongForms()
    {
        (ServerSettings s, List<string> errors) = Read(false,
            "--SplitDns:Blocking:Lists:Ads=lists/ads.txt",
            "--SplitDns:Blocking:Lists:rules:Source=https://lists.test/rules.txt", "--SplitDns:Blocking:Lists:rules:Format=adblock",
            "--SplitDns:Blocking:Lists:rules:RefreshHours=6",
            "--SplitDns:Blocking:Lists:mine:Source=allow.txt", "--SplitDns:Blocking:Lists:mine:Kind=Allow",
            "--SplitDns:Blocking:MaxDownloadMb=8", "--SplitDns:Blocking:DownloadTimeoutSeconds=5",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=192.168.0.0/16", "--SplitDns:Views:0:Blocking=true",
            "--SplitDns:Views:1:Name=kids", "--SplitDns:Views:1:Networks=192.169.0.0/16",
            "--SplitDns:Views:1:Blocking:Lists=rules", "--SplitDns:Views:1:Blocking:Allowlists=",
            "--SplitDns:Views:1:Blocking:Mode=custom", "--SplitDns:Views:1:Blocking:Addresses=192.0.2.1, 2001:db8::1",
            "--SplitDns:Views:1:Blocking:Ttl=30",
            "--SplitDns:Views:2:Name=off", "--SplitDns:Views:2:Networks=192.170.0.0/16", "--SplitDns:Views:2:Blocking:Enabled=false");

        Assert.Empty(errors);
        // Configuration orders keys by name: the lists' order (their bits in the index) is alphabetical.
        Assert.Equal(["ads", "mine", "rules"], s.Blocking.Options.Lists.Select(l => l.Name));
        Assert.Equal("/srv/splitdns/lists/ads.txt", s.Blocking.Options.Lists[0].Source);
        Assert.Equal(BlocklistFormat.AdBlock, s.Blocking.Options.Lists[2].Format);
        Assert.Equal(TimeSpan.FromHours(6), s.Blocking.Options.Lists[2].RefreshInterval);
        Assert.Equal(8L * 1024 * 1024, s.Blocking.Options.MaxDownloadBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Blocking.Options.DownloadTimeout);
        ViewBlockingSettings home = s.Views[0].Blocking;
        Assert.Equal(["ads", "rules"], home.Lists);
        Assert.Equal(["mine"], home.Allowlists);
        Assert.Equal(BlockMode.NxDomain, home.Mode);
        Assert.Equal(60u, home.Ttl);
        ViewBlockingSettings kids = s.Views[1].Blocking;
        Assert.Equal(["rules"], kids.Lists);
        Assert.Empty(kids.Allowlists);
        Assert.Equal(BlockMode.Custom, kids.Mode);
        Assert.Equal([IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1")], kids.Addresses);
        Assert.Equal(30u, kids.Ttl);
        Assert.False(s.Views[2].Blocking.Enabled);
        Assert.False(s.Views[3].Blocking.Enabled);
    }

    [Fact]
    public void Read_BadBlocking_EveryErrorNamesItsKey()
    {
        string[] args =
        [
            "--SplitDns:Blocking:Lists:bad name=x.txt",
            "--SplitDns:Blocking:Lists:ftp=ftp://lists.test/x",
            "--SplitDns:Blocking:Lists:fmt:Source=x.txt", "--SplitDns:Blocking:Lists:fmt:Format=yaml",
            "--SplitDns:Blocking:Lists:kind:Source=x.txt", "--SplitDns:Blocking:Lists:kind:Kind=maybe",
            "--SplitDns:Blocking:Lists:nosource:Format=Hosts",
            "--SplitDns:Blocking:MaxDownloadMb=0",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=192.168.0.0/16",
            "--SplitDns:Views:0:Blocking:Lists=fmt, unknown", "--SplitDns:Views:0:Blocking:Mode=teapot",
            "--SplitDns:Views:1:Name=c", "--SplitDns:Views:1:Networks=192.169.0.0/16", "--SplitDns:Views:1:Blocking:Mode=Custom",
            "--SplitDns:Views:1:Blocking:Addresses=not-an-ip",
            "--SplitDns:Views:2:Name=f", "--SplitDns:Views:2:Networks=192.170.0.0/16", "--SplitDns:Views:2:Blocking=sometimes",
        ];
        (_, List<string> errors) = Read(false, args);

        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:Lists:bad name: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:Lists:ftp:Source: 'ftp://lists.test/x' is not an http or https URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:Lists:fmt:Format: 'yaml'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:Lists:kind:Kind: 'maybe'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:Lists:nosource:Source: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Blocking:MaxDownloadMb: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Views:0:Blocking:Lists: 'unknown' is not one of SplitDns:Blocking:Lists", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Views:0:Blocking:Mode: 'teapot'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Views:1:Blocking:Addresses: 'not-an-ip'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Views:1:Blocking:Addresses: Mode Custom needs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SplitDns:Views:2:Blocking: 'sometimes'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MoreThan32Lists_IsAnError()
    {
        string[] args = [.. Enumerable.Range(0, 33).Select(i => $"--SplitDns:Blocking:Lists:l{i}=l{i}.txt")];
        (_, List<string> errors) = Read(false, args);

        Assert.Contains(errors, e => e.Contains("33 lists configured; at most 32", StringComparison.Ordinal));
    }
}
