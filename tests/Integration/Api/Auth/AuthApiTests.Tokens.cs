using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SplitDns.Integration.Tests.Api.Auth;

public sealed partial class AuthApiTests
{
    [Fact]
    public async Task WhoAmI_NoToken_Returns401Problem()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Get, "/api/v1/whoami", null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-token-at-all-0123456789")]
    [InlineData("sdns_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task WhoAmI_BadToken_Returns401(string token)
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoAmIStatusAsync(token));
    }

    [Fact]
    public async Task ConfiguredAdminToken_StillWorks_AsAdmin()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Get, "/api/v1/whoami", AuthServer.AdminToken);
        JsonElement who = await JsonAsync(r, HttpStatusCode.OK);
        Assert.Equal("admin", who.GetProperty("user").GetString());
        Assert.Equal("admin", who.GetProperty("role").GetString());
        Assert.Equal("configuration", who.GetProperty("token").GetString());
    }

    [Fact]
    public async Task ReaderToken_Change_Returns403_ButReads()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string reader = await server.CreateTokenAsync("ci-reader", "reader");
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(reader));
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/tokens", reader, new { name = "x", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using HttpResponseMessage d = await server.SendAsync(HttpMethod.Delete, "/api/v1/tokens/ci-reader", reader);
        Assert.Equal(HttpStatusCode.Forbidden, d.StatusCode);
    }

    [Fact]
    public async Task TokenQueryParameter_Authenticates()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = await server.CreateTokenAsync("script");
        using HttpResponseMessage r = await server.Client.GetAsync("/api/v1/whoami?token=" + Uri.EscapeDataString(token));
        Assert.Equal("script", (await JsonAsync(r, HttpStatusCode.OK)).GetProperty("token").GetString());
    }

    [Fact]
    public async Task CreateToken_IsUsable_ListedWithoutSecret_StoredOnlyHashed()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = await server.CreateTokenAsync("deploy", "admin", days: 30);
        Assert.StartsWith("sdns_", token);
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));

        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Get, "/api/v1/tokens", AuthServer.AdminToken);
        string listText = await r.Content.ReadAsStringAsync();
        JsonElement listed = JsonDocument.Parse(listText).RootElement.GetProperty("tokens")[0];
        Assert.Equal("deploy", listed.GetProperty("name").GetString());
        Assert.Equal("admin", listed.GetProperty("user").GetString());
        Assert.Equal("admin", listed.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("expires").ValueKind);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("last_used").ValueKind);
        Assert.DoesNotContain(token, listText);

        await server.StopAsync();
        string everything = DumpAdminObjects(server.StorePath);
        Assert.DoesNotContain(token, everything);
        Assert.DoesNotContain(token["sdns_".Length..], everything);
        Assert.Contains(SplitDns.Server.Api.Auth.TokenSecret.Hash(token), everything);
    }

    [Fact]
    public async Task RevokeToken_StopsItAtOnce_UnknownNameIs404()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = await server.CreateTokenAsync("short-lived");
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token)); // now cached
        using HttpResponseMessage d = await server.SendAsync(HttpMethod.Delete, "/api/v1/tokens/short-lived", AuthServer.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, d.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoAmIStatusAsync(token));

        using HttpResponseMessage again = await server.SendAsync(HttpMethod.Delete, "/api/v1/tokens/short-lived", AuthServer.AdminToken);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task TokenWithExpiry_AfterItExpires_Returns401()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = await server.CreateTokenAsync("one-day", "reader", days: 1);
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
        server.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
        server.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoAmIStatusAsync(token));
    }

    [Theory]
    [InlineData("{\"role\":\"admin\"}", "name")]
    [InlineData("{\"name\":\"a/b\"}", "name")]
    [InlineData("{\"name\":\"session-x\"}", "name")]
    [InlineData("{\"name\":\"ok\",\"role\":\"root\"}", "role")]
    [InlineData("{\"name\":\"ok\",\"expires_in_days\":0}", "expires_in_days")]
    [InlineData("{\"name\":\"ok\",\"expires_in_days\":\"7\"}", "expires_in_days")]
    [InlineData("{\"name\":", "body")]
    [InlineData("[1]", "body")]
    public async Task CreateToken_BadInput_Returns400NamingTheParameter(string body, string parameter)
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/tokens", AuthServer.AdminToken, body);
        Assert.Equal(parameter, (await JsonAsync(r, HttpStatusCode.BadRequest)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task CreateToken_DuplicateName_Returns409()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        await server.CreateTokenAsync("twice");
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/tokens", AuthServer.AdminToken, new { name = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r, HttpStatusCode expected)
    {
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Every kind, name and body in admin_objects, read straight from the SQLite file.</summary>
    private static string DumpAdminObjects(string path)
    {
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        db.Open();
        using SqliteCommand cmd = db.CreateCommand();
        cmd.CommandText = "SELECT kind || ' ' || name || ' ' || body FROM admin_objects";
        using SqliteDataReader reader = cmd.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.NotEmpty(rows);
        return string.Join('\n', rows);
    }
}
