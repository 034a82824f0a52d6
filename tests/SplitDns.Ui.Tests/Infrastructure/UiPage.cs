using Microsoft.Playwright;

namespace SplitDns.Ui.Tests.Infrastructure;

/// <summary>
/// One page in its own browser context, with every console error and uncaught page error it
/// produced. Chromium reports each non-2xx fetch as a console error "Failed to load resource:
/// ... status of N"; tests that provoke an API error on purpose name the statuses they expect.
/// </summary>
public sealed class UiPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> _errors = Subscribe(page);

    public IPage Page => page;

    public IReadOnlyList<string> Errors => _errors;

    private static List<string> Subscribe(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (errors)
                {
                    errors.Add($"console.{message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add("page error: " + error);
            }
        };
        return errors;
    }

    /// <summary>Opens the UI, pastes the configured admin token and waits for the dashboard.</summary>
    public async Task LoginWithTokenAsync()
    {
        await SubmitTokenAsync(UiServerFixture.AdminToken);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("admin (admin)");
        await Assertions.Expect(page.Locator("#dashboard")).ToBeVisibleAsync();
    }

    public async Task SubmitTokenAsync(string token)
    {
        await page.GotoAsync("/ui/#/login");
        await page.FillAsync("#token-form input[name=token]", token);
        await page.ClickAsync("#token-form button[type=submit]");
    }

    public async Task ScreenshotAsync(string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(UiServerFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>No console error or warning and no page error, except failed loads with the given statuses.</summary>
    public void AssertNoConsoleErrors(params int[] expectedHttpStatuses)
    {
        string[] unexpected;
        lock (_errors)
        {
            unexpected = _errors.Where(e => !expectedHttpStatuses.Any(s =>
                e.StartsWith("console.error: Failed to load resource", StringComparison.Ordinal) && e.Contains($"status of {s} ", StringComparison.Ordinal))).ToArray();
        }

        Assert.True(unexpected.Length == 0, "console errors:\n" + string.Join('\n', unexpected));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
