using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Blocking;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Blocking;

/// <summary>
/// A blocklist downloaded from a web server on loopback: it blocks once downloaded, keeps
/// blocking when the server starts failing, and after a restart with the server gone it blocks
/// from the on-disk copy before any download is tried.
/// </summary>
public sealed class BlocklistRefreshTests : IAsyncLifetime
{
    private static readonly IPAddress Client = IPAddress.Parse("127.67.1.20");

    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-blocklist-").FullName;
    private readonly FakeUpstreamServer _upstream = new(q => Views.FakeAnswers.A(q, "198.51.100.1"));
    private readonly IPEndPoint _dns = new(FakeUpstreamServer.NextAddress(), 20000 + Random.Shared.Next(30000));
    private ListServer? _lists;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "example.com.zone"), "$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 604800 300\n  IN NS ns1\nns1 IN A 192.0.2.53\n");
        _lists = await ListServer.StartAsync(_dns.Address, _dns.Port + 2);
        _lists.Body = "# remote list\nremote.blocked.test\n";
    }

    public async Task DisposeAsync()
    {
        if (_lists is not null)
        {
            await _lists.DisposeAsync();
        }

        _upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task DownloadedList_Blocks_KeepsBlockingWhenTheSourceFails_AndAfterARestartWithoutIt()
    {
        await using (WebApplication first = await StartServerAsync())
        {
            await WaitUntilBlockedAsync("remote.blocked.test");
            Assert.Equal("NXDOMAIN", (await DigAsync("remote.blocked.test")).Status);

            // The source now fails: refreshing keeps the last good copy.
            _lists!.Status = 500;
            var catalog = first.Services.GetRequiredService<BlocklistCatalog>();
            IReadOnlyList<RefreshOutcome> outcomes = await catalog.RefreshAsync("remote", CancellationToken.None);
            Assert.Equal(RefreshResult.Failed, Assert.Single(outcomes).Result);
            Assert.Equal("NXDOMAIN", (await DigAsync("sub.remote.blocked.test")).Status);
            Assert.NotNull(catalog.Lists[0].LastError);

            using var http = new HttpClient();
            string metrics = await http.GetStringAsync(new Uri($"http://{_dns.Address}:{_dns.Port + 1}/metrics"));
            Assert.Matches(@"splitdns_blocking_refreshes_total\{list=""remote"",result=""failed""\} [1-9]", metrics);
            await first.StopAsync();
        }

        // Restart with the web server gone: the cached copy blocks at once.
        await _lists!.DisposeAsync();
        _lists = null;
        await using WebApplication second = await StartServerAsync();
        DigResult r = await DigAsync("remote.blocked.test");
        Assert.Equal("NXDOMAIN", r.Status);
        Assert.Contains("blocked by list remote", r.Output);
        Assert.True(second.Services.GetRequiredService<BlocklistCatalog>().Lists[0].FromCache);
        await second.StopAsync();
    }

    [Fact]
    public async Task ChangedList_RefreshOnDemand_SwapsTheIndex()
    {
        await using WebApplication app = await StartServerAsync();
        await WaitUntilBlockedAsync("remote.blocked.test");
        _lists!.Body = "other.blocked.test\n";

        var catalog = app.Services.GetRequiredService<BlocklistCatalog>();
        IReadOnlyList<RefreshOutcome> outcomes = await catalog.RefreshAsync(null, CancellationToken.None);

        Assert.Equal(RefreshResult.Updated, Assert.Single(outcomes).Result);
        Assert.Equal("NXDOMAIN", (await DigAsync("other.blocked.test")).Status);
        Assert.Equal("NOERROR", (await DigAsync("remote.blocked.test")).Status);
        await app.StopAsync();
    }

    private async Task<WebApplication> StartServerAsync()
    {
        WebApplication app = SplitDnsHost.Build(
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={_dir}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={_dns}",
            $"--SplitDns:Listen:Http={_dns.Address}:{_dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            $"--SplitDns:Store:Path={_dir}/data/splitdns.db",
            $"--SplitDns:Forwarders:Upstream={_upstream.EndPoint}",
            "--SplitDns:Forwarders:Cache:Enabled=false",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            $"--SplitDns:Blocking:CacheDirectory={_dir}/cache",
            "--SplitDns:Blocking:DownloadTimeoutSeconds=2",
            $"--SplitDns:Blocking:Lists:remote={new Uri($"http://{_dns.Address}:{_dns.Port + 2}/list.txt")}",
            "--SplitDns:Views:0:Name=home",
            "--SplitDns:Views:0:Networks=127.67.1.0/24",
            "--SplitDns:Views:0:Blocking=true",
        ], includeDefaults: false);
        await app.StartAsync();
        return app;
    }

    /// <summary>The first download runs in the background after start: poll (bounded) until it blocks.</summary>
    private async Task WaitUntilBlockedAsync(string name)
    {
        for (int i = 0; i < 100; i++)
        {
            if ((await DigAsync(name)).Status == "NXDOMAIN")
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{name} was not blocked within 10 s of start");
    }

    private async Task<DigResult> DigAsync(string name) =>
        DigResult.Parse(await DigClient.RunAsync("dig", [$"@{_dns.Address}", "-p", _dns.Port.ToString(CultureInfo.InvariantCulture),
            "-b", Client.ToString(), "+tries=1", "+time=5", name, "A"]));
}
