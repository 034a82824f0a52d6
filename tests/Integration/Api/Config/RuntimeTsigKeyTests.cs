using System.Net;
using System.Text.Json;
using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>TSIG keys through the API, then used by nsupdate and dig against an API-created zone.</summary>
public sealed class RuntimeTsigKeyTests
{
    [Fact]
    public async Task CreateKey_ZoneWithUpdateKeys_NsupdateAndSignedAxfrWork()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        var (status, key) = await s.SendAsync(HttpMethod.Post, "/api/v1/tsig-keys", new { name = "extdns", algorithm = "hmac-sha256" });
        Assert.Equal(HttpStatusCode.Created, status);
        string secret = key.GetProperty("secret").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(secret).Length);
        Assert.Equal(HttpStatusCode.Created,
            (await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "k8s.test", update_keys = new[] { "extdns" } })).Status);

        string script = $"server {s.Dns.Address} {s.Dns.Port}\nzone k8s.test\nupdate add app.k8s.test 60 A 192.0.2.7\nsend\n";
        ToolResult update = await ClientTool.RunAsync("nsupdate", ["-y", $"hmac-sha256:extdns:{secret}"], script, TimeSpan.FromSeconds(20));

        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains("192.0.2.7", await s.DigAsync("app.k8s.test", "A", "+norec"), StringComparison.Ordinal);
        Assert.Contains("app.k8s.test.", await s.DigAsync("-y", $"hmac-sha256:extdns:{secret}", "k8s.test", "AXFR"), StringComparison.Ordinal);

        // Unsigned, or signed with a key the zone does not grant: refused.
        ToolResult unsigned = await ClientTool.RunAsync("nsupdate", [], script.Replace("app.", "evil.", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("REFUSED", unsigned.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndDelete_NoSecretsConfigKeys409ApiKeyGone()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        var (_, created) = await s.SendAsync(HttpMethod.Post, "/api/v1/tsig-keys", new { name = "temp" });
        string secret = created.GetProperty("secret").GetString()!;

        var (_, list) = await s.SendAsync(HttpMethod.Get, "/api/v1/tsig-keys");
        JsonElement[] keys = [.. list.GetProperty("keys").EnumerateArray()];
        Assert.Contains(keys, k => k.GetProperty("name").GetString() == "cfgkey." && k.GetProperty("origin_of").GetString() == "config");
        Assert.Contains(keys, k => k.GetProperty("name").GetString() == "temp." && k.GetProperty("origin_of").GetString() == "api"
            && k.GetProperty("algorithm").GetString() == "hmac-sha256");
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        Assert.All(keys, k => Assert.False(k.TryGetProperty("secret", out _)));

        await s.RestartAsync();
        Assert.Contains("temp.", (await s.SendAsync(HttpMethod.Get, "/api/v1/tsig-keys")).Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await s.SendAsync(HttpMethod.Delete, "/api/v1/tsig-keys/cfgkey")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await s.SendAsync(HttpMethod.Post, "/api/v1/tsig-keys", new { name = "temp" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await s.SendAsync(HttpMethod.Delete, "/api/v1/tsig-keys/temp")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Delete, "/api/v1/tsig-keys/temp")).Status);

        // A signed query with the deleted key: BADKEY (NOTAUTH).
        Assert.Contains("NOTAUTH", await s.DigAsync("-y", $"hmac-sha256:temp:{secret}", "example.com", "SOA"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"k\",\"algorithm\":\"hmac-sha3\"}", "algorithm")]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"a..b\"}", "name")]
    public async Task Create_BadInput_400(string json, string parameter)
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, body) = await s.SendAsync(HttpMethod.Post, "/api/v1/tsig-keys", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
    }
}
