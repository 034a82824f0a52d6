using SplitDns.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SplitDns.Ui.Tests.WebUi;

public sealed partial class WebUiTests
{
    [Fact]
    public async Task RecordsEditor_AddRecord_DigAnswersIt()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/zones/example.com.");
        await Expect(ui.Page.Locator("#records tbody tr").First).ToBeVisibleAsync();
        await ui.Page.FillAsync("#record-add input[name=name]", "added.example.com.");
        await ui.Page.SelectOptionAsync("#record-add select[name=type]", "A");
        await ui.Page.FillAsync("#record-add input[name=data]", "192.0.2.99");
        await ui.Page.ClickAsync("#record-add button[type=submit]");
        await Expect(ui.Page.Locator("#records-status")).ToContainTextAsync("Added added.example.com.");
        await Expect(ui.Page.Locator("#records tbody tr", new() { HasText = "192.0.2.99" })).ToHaveCountAsync(1);
        await ui.ScreenshotAsync("records-added");
        Assert.Equal("192.0.2.99", (await server.DigAsync("added.example.com", "A", "+short")).Trim());
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task RecordsEditor_EditThenDelete_DigFollows()
    {
        using (HttpClient api = server.ApiClient())
        {
            using HttpResponseMessage added = await api.PostAsync("/api/v1/zones/example.com/records", System.Net.Http.Json.JsonContent.Create(
                new { name = "edit.example.com.", type = "A", ttl = 300, data = "192.0.2.41", overwrite = false }));
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/zones/example.com.");
        Microsoft.Playwright.ILocator row = ui.Page.Locator("#records tbody tr", new() { HasText = "192.0.2.41" });
        await row.Locator("button", new() { HasText = "Edit" }).ClickAsync();
        await ui.Page.Locator("#records input[aria-label=Data]").FillAsync("192.0.2.42");
        await ui.Page.Locator("#records button", new() { HasText = "Save" }).ClickAsync();
        await Expect(ui.Page.Locator("#records-status")).ToContainTextAsync("Updated edit.example.com. A");
        Assert.Equal("192.0.2.42", (await server.DigAsync("edit.example.com", "A", "+short")).Trim());

        await ui.Page.Locator("#records tbody tr", new() { HasText = "192.0.2.42" }).Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(ui.Page.Locator("#records-status")).ToContainTextAsync("Deleted 1 record(s)");
        await Expect(ui.Page.Locator("#records tbody tr", new() { HasText = "edit.example.com." })).ToHaveCountAsync(0);
        Assert.Contains("status: NXDOMAIN", await server.DigAsync("edit.example.com", "A"));
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task RecordsEditor_BadData_ShowsProblem400()
    {
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/zones/example.com.");
        await ui.Page.FillAsync("#record-add input[name=name]", "bad.example.com.");
        await ui.Page.SelectOptionAsync("#record-add select[name=type]", "A");
        await ui.Page.FillAsync("#record-add input[name=data]", "not-an-address");
        await ui.Page.ClickAsync("#record-add button[type=submit]");
        await Expect(ui.Page.Locator(".problem")).ToContainTextAsync("400");
        await ui.ScreenshotAsync("records-bad-data");
        ui.AssertNoConsoleErrors(400);
    }

    [Fact]
    public async Task History_RollbackBeforeAnAddition_DigNoLongerAnswers()
    {
        using (HttpClient api = server.ApiClient())
        {
            using HttpResponseMessage added = await api.PostAsync("/api/v1/zones/example.com/records", System.Net.Http.Json.JsonContent.Create(
                new { name = "rollme.example.com.", type = "A", ttl = 300, data = "192.0.2.77", overwrite = false }));
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        Assert.Equal("192.0.2.77", (await server.DigAsync("rollme.example.com", "A", "+short")).Trim());
        await using UiPage ui = await server.OpenAsync();
        await ui.LoginWithTokenAsync();
        await ui.Page.GotoAsync("/ui/#/history/example.com.");
        Microsoft.Playwright.ILocator change = ui.Page.Locator("#history article.change", new() { HasText = "rollme.example.com." }).First;
        await Expect(change.Locator("pre.diff .add", new() { HasText = "192.0.2.77" })).ToHaveCountAsync(1);
        await ui.ScreenshotAsync("history-diff");
        await change.Locator("button", new() { HasText = "Roll back to serial" }).ClickAsync();
        await change.Locator("button", new() { HasText = "Confirm rollback" }).ClickAsync();
        await Expect(ui.Page.Locator("#history-status")).ToContainTextAsync("Rolled back");
        await ui.ScreenshotAsync("history-rolled-back");
        Assert.Contains("status: NXDOMAIN", await server.DigAsync("rollme.example.com", "A"));
        ui.AssertNoConsoleErrors();
    }
}
