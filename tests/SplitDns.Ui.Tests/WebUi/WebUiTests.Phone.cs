using SplitDns.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SplitDns.Ui.Tests.WebUi;

public sealed partial class WebUiTests
{
    private static readonly string[] s_pages = ["dashboard", "zones", "zones/example.com.", "history/example.com.", "querylog", "explain", "blocklists"];

    [Fact]
    public async Task PhoneWidth_EveryPage_FitsTheScreenWithoutConsoleErrors()
    {
        await using UiPage ui = await server.OpenAsync(390, 844);
        await ui.LoginWithTokenAsync();
        await Expect(ui.Page.Locator("#who")).ToHaveTextAsync("admin (admin)");
        foreach (string route in s_pages)
        {
            await ui.Page.GotoAsync("/ui/#/" + route);
            await Expect(ui.Page.Locator("main h1")).ToBeVisibleAsync();
            await ui.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            int overflow = await ui.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"#/{route} is {overflow} px wider than the 390 px screen");
            await ui.ScreenshotAsync("phone-" + route.Replace('/', '-').TrimEnd('.'));
        }

        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task UnknownRoute_ShowsNotFoundPage()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/nope");
        await Expect(ui.Page.Locator("main h1")).ToHaveTextAsync("Not found");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task RecordsPage_UnknownZone_ShowsProblem404()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/zones/no-such-zone.test");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("404");
        await ui.ScreenshotAsync("records-unknown-zone");
        ui.AssertNoConsoleErrors(404);
    }

    [Fact]
    public async Task HistoryPage_UnknownZone_ShowsProblem404()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/history/no-such-zone.test");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("404");
        ui.AssertNoConsoleErrors(404);
    }
}
