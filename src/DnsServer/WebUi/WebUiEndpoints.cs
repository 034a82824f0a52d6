using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SplitDns.Server.Api;

namespace SplitDns.Server.WebUi;

/// <summary>
/// The web UI: static assets embedded in the binary (WebUi/assets), served at /ui/ with their
/// content type, a strong ETag (304 on If-None-Match), Cache-Control no-cache (always revalidate,
/// so an upgrade is seen at once) and a strict Content-Security-Policy (self only, no inline
/// script or style). "/" redirects to /ui/. Mapped when the API is on: the UI is its client.
/// </summary>
public static class WebUiEndpoints
{
    public const string Path = "/ui/";

    private const string ResourcePrefix = "SplitDns.Server.WebUi.";

    // Everything from our own origin, nothing inline, no framing, no plugins, no foreign forms.
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        if (!app.Services.GetRequiredService<ApiSettings>().Enabled)
        {
            return;
        }

        IReadOnlyDictionary<string, WebUiAsset> assets = Load(typeof(WebUiEndpoints).Assembly);
        app.MapGet("/", () => Results.Redirect(Path)).ExcludeFromDescription();
        // Routing ignores a trailing slash, so "/ui" and "/ui/" both land here: only the first is
        // redirected (the page's relative asset URLs need the slash).
        app.MapGet("/ui/{file?}", (HttpContext http, string? file) => file is null && !http.Request.Path.Value!.EndsWith('/')
                ? Results.Redirect(Path)
                : Serve(http, assets, file ?? "index.html"))
            .ExcludeFromDescription();
    }

    /// <summary>The embedded assets by file name (index.html, app.js, ...).</summary>
    internal static IReadOnlyDictionary<string, WebUiAsset> Load(Assembly assembly)
    {
        var assets = new Dictionary<string, WebUiAsset>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            string file = resource[ResourcePrefix.Length..];
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            byte[] body = memory.ToArray();
            string type = s_contentTypes.GetValueOrDefault(System.IO.Path.GetExtension(file), "application/octet-stream");
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
            assets[file] = new WebUiAsset(body, type, etag);
        }

        return assets;
    }

    private static IResult Serve(HttpContext http, IReadOnlyDictionary<string, WebUiAsset> assets, string file)
    {
        if (!assets.TryGetValue(file, out WebUiAsset? asset))
        {
            return Results.NotFound();
        }

        IHeaderDictionary headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Body, asset.ContentType);
    }
}
