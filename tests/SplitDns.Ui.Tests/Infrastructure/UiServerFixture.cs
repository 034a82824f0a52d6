using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using SplitDns.Server.Hosting;

namespace SplitDns.Ui.Tests.Infrastructure;

/// <summary>
/// The real server (in-process, loopback only) with the API, the query log and the web UI on:
/// zone example.com from a file, a zone store in SQLite, a hosts blocklist "ads" for the one view
/// "home" (127.0.0.0/8), no reachable upstream (nothing leaves loopback); and one headless
/// Debian chromium driven by Playwright for the whole test class, launched by executable path.
/// </summary>
public sealed class UiServerFixture : IAsyncLifetime
{
    public const string AdminToken = "ui-test-admin-token-0123456789";
    public const string AdminPassword = "ui-test-password-0123";
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string Zone = """
        $TTL 300
        @      IN SOA ns1 hostmaster 1 3600 600 604800 300
               IN NS  ns1
        ns1    IN A   192.0.2.53
        www    IN A   192.0.2.80
        """;

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Folder { get; } = Directory.CreateTempSubdirectory("splitdns-ui-").FullName;

    public IPEndPoint Dns { get; } = new(IPAddress.Parse($"127.0.{Random.Shared.Next(40, 200)}.{Random.Shared.Next(1, 250)}"), 20000 + Random.Shared.Next(30000));

    public Uri Http => new($"http://{Dns.Address}:{Dns.Port + 1}");

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IBrowser? _browser;

    /// <summary>Where screenshots go: TestResults/ui-screenshots under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "ui-screenshots");

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Folder, "example.com.zone"), Zone);
        File.WriteAllText(Path.Combine(Folder, "ads.hosts"), "0.0.0.0 ads.blocked.test\n");
        string[] args =
        [
            "--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={Folder}",
            "--SplitDns:Zones:0:File=example.com.zone",
            $"--SplitDns:Listen:Dns={Dns}",
            $"--SplitDns:Listen:Http={Dns.Address}:{Dns.Port + 1}",
            "--SplitDns:WatchZoneFiles=false",
            "--SplitDns:Udp:ReceiveLoops=1",
            // A loopback port nobody answers on: the tests only ask for names served here.
            $"--SplitDns:Forwarders:Upstream={Dns.Address}:9",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            "--Logging:LogLevel:Default=Warning",
            "--SplitDns:Blocking:Lists:stevenblack=",
            $"--SplitDns:Blocking:CacheDirectory={Folder}/cache",
            $"--SplitDns:Blocking:Lists:ads={Folder}/ads.hosts",
            "--SplitDns:Views:0:Name=home",
            "--SplitDns:Views:0:Networks=127.0.0.0/8",
            "--SplitDns:Views:0:Blocking:Mode=NxDomain",
            $"--SplitDns:Api:AdminToken={AdminToken}",
            $"--SplitDns:Api:AdminPassword={AdminPassword}",
            $"--SplitDns:Store:Path={Folder}/data/splitdns.db",
            "--SplitDns:QueryLog:Enabled=true",
            "--SplitDns:QueryLog:Api=true",
            "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
            $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
        ];
        _app = SplitDnsHost.Build(args, includeDefaults: false);
        await _app.StartAsync();

        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>The class's one browser, launched on first use (the HTTP-only tests never start it).</summary>
    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            if (_browser is null)
            {
                // The driver (node) ships inside the Microsoft.Playwright package; the browser is Debian's.
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
            }

            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A new browser context and page at the given viewport, recording console errors and page errors.</summary>
    public async Task<UiPage> OpenAsync(int width = 1280, int height = 900)
    {
        IBrowserContext context = await (await BrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Http.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        IPage page = await context.NewPageAsync();
        return new UiPage(context, page);
    }

    /// <summary>dig from loopback at the server, recursion desired.</summary>
    public async Task<string> DigAsync(params string[] args)
    {
        ToolResult r = await ClientTool.RunAsync("dig", [$"@{Dns.Address}", "-p", Dns.Port.ToString(CultureInfo.InvariantCulture),
            "+tries=1", "+time=5", .. args], null, TimeSpan.FromSeconds(15));
        return r.StandardOutput;
    }

    /// <summary>An HTTP client with the admin token (for setting up state the test does not exercise).</summary>
    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = Http };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }
}
