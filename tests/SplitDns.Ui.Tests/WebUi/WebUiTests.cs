using Microsoft.Playwright;
using SplitDns.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SplitDns.Ui.Tests.WebUi;

/// <summary>
/// The web UI in Debian's headless chromium against the real server: every test opens its own
/// browser context (one browser for the class), saves a screenshot and asserts no console errors.
/// </summary>
public sealed partial class WebUiTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    [Fact]
    public async Task Login_WithConfigToken_ShowsDashboardAsAdmin()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.Page.GotoAsync("/ui/");
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/login$"));
        await ui.LoginWithTokenAsync();
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/dashboard$"));
        await Expect(ui.Page.Locator("#who")).ToHaveTextAsync("admin (admin)");
        await Expect(ui.Page.Locator("#nav")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("login-token-dashboard");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Login_WithPassword_GetsSessionAndLogsOut()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.Page.GotoAsync("/ui/#/login");
        await ui.Page.FillAsync("#password-form input[name=user]", "admin");
        await ui.Page.FillAsync("#password-form input[name=password]", UiServerFixture.AdminPassword);
        await ui.Page.ClickAsync("#password-form button[type=submit]");
        await Expect(ui.Page.Locator("#who")).ToHaveTextAsync("admin (admin)");
        string? token = await ui.Page.EvaluateAsync<string?>("sessionStorage.getItem('splitdns.token')");
        Assert.False(string.IsNullOrEmpty(token));
        Assert.NotEqual(UiServerFixture.AdminToken, token);

        await ui.Page.ClickAsync("#logout");
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/login$"));
        using HttpClient http = new() { BaseAddress = server.Http };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/whoami")).StatusCode);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsProblem401()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.Page.GotoAsync("/ui/#/login");
        await ui.Page.FillAsync("#password-form input[name=user]", "admin");
        await ui.Page.FillAsync("#password-form input[name=password]", "not-the-password");
        await ui.Page.ClickAsync("#password-form button[type=submit]");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("401");
        await ui.ScreenshotAsync("login-wrong-password");
        Assert.Null(await ui.Page.EvaluateAsync<string?>("sessionStorage.getItem('splitdns.token')"));
        ui.AssertNoConsoleErrors(401);
    }

    [Fact]
    public async Task Login_WithUnknownToken_ShowsProblem401()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.SubmitTokenAsync("not-a-token-of-this-server");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("401");
        ui.AssertNoConsoleErrors(401);
    }

    [Fact]
    public async Task Dashboard_AfterQueries_DrawsSvgChartsAndTopNames()
    {
        Assert.Contains("192.0.2.80", await server.DigAsync("www.example.com", "A", "+short"));
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await Expect(ui.Page.Locator("#qps")).ToBeVisibleAsync();
        Assert.True(await ui.Page.Locator("#dashboard svg.chart").CountAsync() >= 3);
        // top_names come from the query log, written every 50 ms: the dashboard refreshes every 5 s.
        await Expect(ui.Page.Locator("#dashboard svg.bars").First).ToContainTextAsync("www.example.com", new() { Timeout = 15000 });
        await ui.ScreenshotAsync("dashboard");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task QueryLog_SearchByName_ShowsTheDugQuery()
    {
        Assert.Contains("NXDOMAIN", await server.DigAsync("ads.blocked.test", "A"));
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/querylog");
        await ui.Page.FillAsync("#querylog-form input[name=name]", "ads.blocked.test");
        await ui.Page.SelectOptionAsync("#querylog-form select[name=blocked]", "true");
        ILocator row = ui.Page.Locator("#querylog-results tbody tr");
        for (int i = 0; i < 50 && await row.CountAsync() == 0; i++)
        {
            await ui.Page.ClickAsync("#querylog-form button[type=submit]");
            await Task.Delay(200);
        }

        await Expect(row.First).ToContainTextAsync("ads.blocked.test");
        await Expect(row.First).ToContainTextAsync("NXDOMAIN");
        await Expect(row.First).ToContainTextAsync("ads");
        await ui.ScreenshotAsync("querylog");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task QueryLog_BadType_ShowsProblemNamingTheParameter()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/querylog");
        await ui.Page.FillAsync("#querylog-form input[name=type]", "BOGUS");
        await ui.Page.ClickAsync("#querylog-form button[type=submit]");
        ILocator problem = ui.Page.Locator(".problem");
        await Expect(problem).ToContainTextAsync("400");
        await Expect(problem).ToContainTextAsync("not a record type");
        await Expect(problem.Locator(".param")).ToHaveTextAsync("parameter: type");
        await ui.ScreenshotAsync("querylog-bad-type");
        ui.AssertNoConsoleErrors(400);
    }

    [Fact]
    public async Task Explain_WwwExampleCom_ShowsViewStepsAndAnswer()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/explain");
        await ui.Page.FillAsync("#explain-form input[name=name]", "www.example.com");
        await ui.Page.FillAsync("#explain-form input[name=client]", "127.0.0.1");
        await ui.Page.ClickAsync("#explain-form button[type=submit]");
        await Expect(ui.Page.Locator("#explain-view")).ToContainTextAsync("home");
        await Expect(ui.Page.Locator("#explain-rcode")).ToHaveTextAsync("NOERROR");
        await Expect(ui.Page.Locator("#explain-result pre.rr")).ToContainTextAsync("192.0.2.80");
        await Expect(ui.Page.Locator("#explain-result table.steps")).ToContainTextAsync("authoritative");
        await ui.ScreenshotAsync("explain");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Explain_BlockedName_ShowsTheBlockingStepAnswered()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/explain");
        await ui.Page.FillAsync("#explain-form input[name=name]", "ads.blocked.test");
        await ui.Page.FillAsync("#explain-form input[name=client]", "127.0.0.1");
        await ui.Page.ClickAsync("#explain-form button[type=submit]");
        await Expect(ui.Page.Locator("#explain-result tr.step-answered")).ToContainTextAsync("blocking");
        await Expect(ui.Page.Locator("#explain-rcode")).ToHaveTextAsync("NXDOMAIN");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Explain_NoName_ShowsProblem400()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/explain");
        await ui.Page.FillAsync("#explain-form input[name=name]", "bad..name");
        await ui.Page.ClickAsync("#explain-form button[type=submit]");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("400");
        await Expect(ui.Page.Locator(".problem .param")).ToHaveTextAsync("parameter: name");
        ui.AssertNoConsoleErrors(400);
    }

    [Fact]
    public async Task Zones_List_ShowsTheConfiguredZoneWithItsSerial()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/zones");
        ILocator row = ui.Page.Locator("#zones tbody tr", new() { HasText = "example.com." });
        await Expect(row.First).ToContainTextAsync("primary");
        await Expect(row.First.Locator("a").First).ToHaveAttributeAsync("href", "#/zones/example.com.");
        await ui.ScreenshotAsync("zones");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Blocklists_DisableViewThenEnable_ShowsStateAndDigFollows()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/blocklists");
        await Expect(ui.Page.Locator("#blocklists tbody tr").First).ToContainTextAsync("ads");
        ILocator home = ui.Page.Locator("#blocking-views tbody tr", new() { HasText = "home" });
        await home.Locator("input").FillAsync("5");
        await home.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(ui.Page.Locator("#blocklists-status")).ToContainTextAsync("blocking disabled until");
        await ui.ScreenshotAsync("blocklists-disabled");
        try
        {
            Assert.DoesNotContain("status: NXDOMAIN", await server.DigAsync("ads.blocked.test", "A"));
        }
        finally
        {
            await home.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
            await Expect(ui.Page.Locator("#blocklists-status")).ToContainTextAsync("blocking on");
        }

        Assert.Contains("status: NXDOMAIN", await server.DigAsync("ads.blocked.test", "A"));
        ui.AssertNoConsoleErrors();
    }
}
