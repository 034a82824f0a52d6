using System.Net;
using System.Text.Json;

namespace SplitDns.Integration.Tests.Api.Auth;

public sealed partial class AuthApiTests
{
    /// <summary>Path parameters filled with values that exist in the fixture (or are at least well-formed).</summary>
    private static readonly Dictionary<string, string> s_routeValues = new(StringComparer.Ordinal)
    {
        ["{zone}"] = "example.com", ["{name}"] = "someone", ["{view}"] = "default",
    };

    /// <summary>Reads only an admin may make: the user list (readers see their own tokens only).</summary>
    private static readonly HashSet<string> s_adminOnlyReads = new(StringComparer.Ordinal) { "/api/v1/users" };

    /// <summary>
    /// Every change route the OpenAPI document lists (POST, PUT, PATCH, DELETE under /api/v1),
    /// called with a reader token, is 403 with a problem; every read route is neither 401 nor 403
    /// nor a server error (but the admin-only reads are 403). Login and logout are left out: anyone may log in, and a token may end
    /// its own session.
    /// </summary>
    [Fact]
    public async Task EveryRouteInTheOpenApiDocument_ReaderToken_ChangesAre403_ReadsAreAllowed()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string reader = await server.CreateTokenAsync("every-route-reader", "reader");
        using HttpResponseMessage doc = await server.SendAsync(HttpMethod.Get, "/openapi/v1.json", null);
        using JsonDocument openApi = JsonDocument.Parse(await doc.Content.ReadAsStringAsync());

        var changes = new List<string>();
        var reads = new List<string>();
        foreach (JsonProperty path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || path.Name is "/api/v1/login" or "/api/v1/logout")
            {
                continue;
            }

            string url = s_routeValues.Aggregate(path.Name, (u, kv) => u.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
            Assert.DoesNotContain("{", url, StringComparison.Ordinal);
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                using HttpResponseMessage r = await server.SendAsync(method, url, reader, "{}");
                string where = $"{method} {path.Name} -> {(int)r.StatusCode}";
                if (method == HttpMethod.Get && s_adminOnlyReads.Contains(path.Name))
                {
                    Assert.True(r.StatusCode == HttpStatusCode.Forbidden, where);
                }
                else if (method == HttpMethod.Get)
                {
                    reads.Add(path.Name);
                    Assert.True(r.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)r.StatusCode < 500, where);
                }
                else
                {
                    changes.Add($"{method} {path.Name}");
                    Assert.True(r.StatusCode == HttpStatusCode.Forbidden, where);
                    Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        // The document really lists the areas' change routes (a route left out of it would go untested here).
        Assert.Contains("POST /api/v1/zones/{zone}/records", changes);
        Assert.Contains("POST /api/v1/zones/{zone}/rollback", changes);
        Assert.Contains("POST /api/v1/zones", changes);
        Assert.Contains("PUT /api/v1/forwarders", changes);
        Assert.Contains("POST /api/v1/tsig-keys", changes);
        Assert.Contains("DELETE /api/v1/cache", changes);
        Assert.Contains("POST /api/v1/views/{view}/blocking/disable", changes);
        Assert.Contains("/api/v1/zones/{zone}/history", reads);
        Assert.Contains("/api/v1/explain", reads);
    }
}
