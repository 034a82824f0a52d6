using System.Net;
using System.Text.Json;

namespace SplitDns.Integration.Tests.Api.Auth;

public sealed partial class AuthApiTests
{
    [Fact]
    public async Task Login_ConfiguredAdminPassword_ReturnsUsableSessionToken()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        JsonElement login = await LoginAsync(server, "admin", AuthServer.AdminPassword, HttpStatusCode.OK);
        Assert.Equal("admin", login.GetProperty("user").GetString());
        Assert.Equal("admin", login.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.String, login.GetProperty("expires").ValueKind);
        string token = login.GetProperty("token").GetString()!;
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Get, "/api/v1/whoami", token);
        Assert.StartsWith("session-", (await JsonAsync(r, HttpStatusCode.OK)).GetProperty("token").GetString());
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401Problem()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        await LoginAsync(server, "admin", "wrong-password-000", HttpStatusCode.Unauthorized);
        await LoginAsync(server, "nobody", AuthServer.AdminPassword, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{\"password\":\"x\"}", "user")]
    [InlineData("{\"user\":\"admin\"}", "password")]
    [InlineData("{\"user\":5,\"password\":\"x\"}", "user")]
    [InlineData("nonsense", "body")]
    public async Task Login_BadInput_Returns400(string body, string parameter)
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/login", null, body);
        Assert.Equal(parameter, (await JsonAsync(r, HttpStatusCode.BadRequest)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Session_SlidesWhileUsed_ExpiresAfterSessionMinutesIdle()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync("--SplitDns:Api:SessionMinutes=30");
        string token = (await LoginAsync(server, "admin", AuthServer.AdminPassword, HttpStatusCode.OK)).GetProperty("token").GetString()!;
        server.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
        server.Clock.Advance(TimeSpan.FromMinutes(20)); // 40 min after login, 20 after the last call
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
        server.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoAmIStatusAsync(token));
    }

    [Fact]
    public async Task Logout_EndsTheSession_AtOnce()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = (await LoginAsync(server, "admin", AuthServer.AdminPassword, HttpStatusCode.OK)).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/logout", token);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await server.WhoAmIStatusAsync(token));
    }

    [Fact]
    public async Task StoredReaderUser_LogsIn_ListsOnlyOwnTokens_CannotChange()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        await server.CreateTokenAsync("admins-own");
        using (HttpResponseMessage put = await server.SendAsync(HttpMethod.Put, "/api/v1/users/alice", AuthServer.AdminToken,
            new { password = "alice-password-123", role = "reader" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        string everything = DumpAdminObjects(server.StorePath);
        Assert.DoesNotContain("alice-password-123", everything);
        Assert.Contains("pbkdf2-sha256$", everything);

        JsonElement login = await LoginAsync(server, "alice", "alice-password-123", HttpStatusCode.OK);
        Assert.Equal("reader", login.GetProperty("role").GetString());
        string token = login.GetProperty("token").GetString()!;
        using HttpResponseMessage list = await server.SendAsync(HttpMethod.Get, "/api/v1/tokens", token);
        JsonElement tokens = (await JsonAsync(list, HttpStatusCode.OK)).GetProperty("tokens");
        Assert.All(tokens.EnumerateArray(), t => Assert.Equal("alice", t.GetProperty("user").GetString()));
        Assert.Equal(1, tokens.GetArrayLength());
        using HttpResponseMessage change = await server.SendAsync(HttpMethod.Post, "/api/v1/tokens", token, new { name = "mine" });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Fact]
    public async Task Login_RepeatedFailures_From1Address_Get429_UntilTheWindowPasses()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        for (int i = 0; i < 10; i++)
        {
            await LoginAsync(server, "admin", "guess-" + i, HttpStatusCode.Unauthorized);
        }

        // Refused even with the right password while throttled.
        using (HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/login", null,
            new { user = "admin", password = AuthServer.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter is not null);
        }

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        await LoginAsync(server, "admin", AuthServer.AdminPassword, HttpStatusCode.OK);
    }

    private static async Task<JsonElement> LoginAsync(AuthServer server, string user, string password, HttpStatusCode expected)
    {
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Post, "/api/v1/login", null, new { user, password });
        return await JsonAsync(r, expected);
    }
}
