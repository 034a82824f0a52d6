using System.Net;
using SplitDns.Ui.Tests.Infrastructure;

namespace SplitDns.Ui.Tests.WebUi;

/// <summary>The embedded assets over plain HTTP: redirect, content types, ETag, CSP.</summary>
public sealed class WebUiAssetsTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Http };

    [Fact]
    public async Task Root_Get_RedirectsToUi()
    {
        using HttpClient http = Client();
        using HttpResponseMessage r = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/ui/", r.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/ui/", "text/html")]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/dashboard.js", "text/javascript")]
    public async Task Asset_Get_HasContentTypeStrictCspAndETag(string path, string type)
    {
        using HttpClient http = Client();
        using HttpResponseMessage r = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(type, r.Content.Headers.ContentType?.MediaType);
        string csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", string.Join("", r.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotNull(r.Headers.ETag);
        Assert.True(r.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Asset_IfNoneMatchSameETag_Returns304()
    {
        using HttpClient http = Client();
        using HttpResponseMessage first = await http.GetAsync("/ui/app.js");
        var again = new HttpRequestMessage(HttpMethod.Get, "/ui/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using HttpResponseMessage second = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Index_Html_HasNoInlineScriptOrStyle()
    {
        using HttpClient http = Client();
        string html = await http.GetStringAsync("/ui/");
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", html);
        Assert.DoesNotMatch("<script(?![^>]*src=)", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<style", html);
    }

    [Fact]
    public async Task UnknownAsset_Get_Returns404()
    {
        using HttpClient http = Client();
        using HttpResponseMessage r = await http.GetAsync("/ui/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }
}
