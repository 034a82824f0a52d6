using System.Globalization;
using System.Net;
using System.Text.Json;
using SplitDns.Integration.Tests.Api.Auth;
using SplitDns.Integration.Tests.Forwarding;

namespace SplitDns.Integration.Tests.Api.Technitium;

/// <summary>
/// A Technitium setup script's calls replayed as plain HTTP (form POSTs and query strings, the
/// token as a parameter), against the real server; dig checks that the records are served.
/// </summary>
public sealed class TechnitiumApiTests
{
    [Fact]
    public async Task SetupScript_CreateTokenZoneWildcardForwarders_Works_AndDigAnswersAtOnce()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        JsonElement created = await PostAsync(server, "/api/user/createToken",
            ("user", "admin"), ("pass", AuthServer.AdminPassword), ("tokenName", "setup"));
        Assert.Equal("ok", created.GetProperty("status").GetString());
        Assert.Equal("admin", created.GetProperty("username").GetString());
        Assert.Equal("setup", created.GetProperty("tokenName").GetString());
        Assert.Equal("example.com", created.GetProperty("server").GetString());
        string token = created.GetProperty("token").GetString()!;

        JsonElement zone = await GetAsync(server, $"/api/zones/create?token={token}&zone=home.example.net&type=Primary");
        Assert.Equal("ok", zone.GetProperty("status").GetString());
        Assert.Equal("home.example.net", zone.GetProperty("response").GetProperty("domain").GetString());

        JsonElement added = await PostAsync(server, "/api/zones/records/add", ("token", token), ("domain", "*.home.example.net"),
            ("zone", "home.example.net"), ("type", "A"), ("ipAddress", "192.168.1.58"), ("ttl", "300"), ("unknownFutureParam", "x"));
        Assert.Equal("ok", added.GetProperty("status").GetString());
        JsonElement record = added.GetProperty("response").GetProperty("addedRecord");
        Assert.Equal("*.home.example.net", record.GetProperty("name").GetString());
        Assert.Equal("192.168.1.58", record.GetProperty("rData").GetProperty("ipAddress").GetString());
        Assert.Equal(300, record.GetProperty("ttl").GetInt32());

        string dig = await DigClient.RunAsync("dig", $"@{server.Dns.Address}", "-p", server.Dns.Port.ToString(CultureInfo.InvariantCulture),
            "+short", "+tries=1", "+time=5", "grafana.home.example.net", "A");
        Assert.Equal("192.168.1.58", dig.Trim());

        JsonElement set = await PostAsync(server, "/api/settings/setDnsSettings", ("token", token),
            ("forwarders", "127.0.0.1:5353,127.0.0.2"), ("forwarderProtocol", "Udp"));
        Assert.Equal("ok", set.GetProperty("status").GetString());
        JsonElement settings = set.GetProperty("response");
        Assert.Equal(["127.0.0.1:5353", "127.0.0.2:53"], settings.GetProperty("forwarders").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Udp", settings.GetProperty("forwarderProtocol").GetString());

        JsonElement get = await GetAsync(server, $"/api/zones/records/get?token={token}&domain=*.home.example.net");
        JsonElement listed = Assert.Single(get.GetProperty("response").GetProperty("records").EnumerateArray());
        Assert.Equal("192.168.1.58", listed.GetProperty("rData").GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task RecordsUpdateAndDelete_WithValueAliases_ChangeWhatDigAnswers()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string t = AuthServer.AdminToken;
        await OkAsync(server, "/api/zones/records/add", ("token", t), ("domain", "app.example.com"), ("type", "A"), ("value", "192.0.2.1"));
        await OkAsync(server, "/api/zones/records/update", ("token", t), ("domain", "app.example.com"), ("type", "A"),
            ("value", "192.0.2.1"), ("newValue", "192.0.2.2"), ("ttl", "60"));
        Assert.Equal("192.0.2.2", (await DigAsync(server, "app.example.com", "A")).Trim());
        await OkAsync(server, "/api/zones/records/add", ("token", t), ("domain", "example.com"), ("type", "TXT"), ("text", "v=spf1 -all"));
        await OkAsync(server, "/api/zones/records/add", ("token", t), ("domain", "example.com"), ("type", "MX"),
            ("preference", "10"), ("exchange", "mail.example.com"));
        Assert.Equal("10 mail.example.com.", (await DigAsync(server, "example.com", "MX")).Trim());
        await OkAsync(server, "/api/zones/records/delete", ("token", t), ("domain", "app.example.com"), ("type", "A"), ("ipAddress", "192.0.2.2"));
        Assert.Equal("", (await DigAsync(server, "app.example.com", "A")).Trim());
    }

    [Fact]
    public async Task ForwarderZone_Created_IsListed_AndDeleted()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string t = AuthServer.AdminToken;
        await OkAsync(server, "/api/zones/create", ("token", t), ("zone", "lan.example.org"), ("type", "Forwarder"),
            ("forwarder", "127.0.0.1:5353"), ("protocol", "Udp"));
        JsonElement list = await GetAsync(server, $"/api/zones/list?token={t}");
        JsonElement lan = list.GetProperty("response").GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("name").GetString() == "lan.example.org");
        Assert.Equal("Forwarder", lan.GetProperty("type").GetString());
        await OkAsync(server, "/api/zones/delete", ("token", t), ("zone", "lan.example.org"));
        JsonElement after = await GetAsync(server, $"/api/zones/list?token={t}");
        Assert.DoesNotContain(after.GetProperty("response").GetProperty("zones").EnumerateArray(), z => z.GetProperty("name").GetString() == "lan.example.org");
    }

    [Fact]
    public async Task Login_ThenLogout_SessionEnds()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        JsonElement login = await GetAsync(server, $"/api/user/login?user=admin&pass={AuthServer.AdminPassword}&includeInfo=true");
        Assert.Equal("ok", login.GetProperty("status").GetString());
        Assert.Equal("example.com", login.GetProperty("info").GetProperty("dnsServerDomain").GetString());
        string token = login.GetProperty("token").GetString()!;
        await OkAsync(server, "/api/zones/list", ("token", token));
        await OkAsync(server, "/api/user/logout", ("token", token));
        Assert.Equal("invalid-token", (await GetAsync(server, $"/api/zones/list?token={token}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/zones/list?token=nonsense-token-0123456789", "invalid-token")]
    [InlineData("/api/zones/list", "invalid-token")]
    [InlineData("/api/user/login?user=admin&pass=wrong-password-1234", "error")]
    [InlineData("/api/zones/create?token=" + AuthServer.AdminToken, "error")]
    [InlineData("/api/zones/create?token=" + AuthServer.AdminToken + "&zone=x.example&type=Stub", "error")]
    [InlineData("/api/zones/records/add?token=" + AuthServer.AdminToken + "&domain=a.nowhere.test&type=A&ipAddress=192.0.2.1", "error")]
    [InlineData("/api/zones/records/add?token=" + AuthServer.AdminToken + "&domain=a.example.com&type=A&ipAddress=not-an-ip", "error")]
    [InlineData("/api/settings/set?token=" + AuthServer.AdminToken + "&forwarders=300.1.1.1", "error")]
    [InlineData("/api/user/createToken?token=" + AuthServer.AdminToken, "error")]
    public async Task BadCall_Http200_WithErrorEnvelope(string path, string status)
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        using HttpResponseMessage r = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        JsonElement body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("errorMessage").GetString()));
        Assert.False(body.TryGetProperty("response", out _));
    }

    [Fact]
    public async Task ReaderToken_Change_ErrorAccessDenied()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string reader = await server.CreateTokenAsync("reader", "reader");
        JsonElement r = await GetAsync(server, $"/api/zones/create?token={reader}&zone=r.example.net");
        Assert.Equal("error", r.GetProperty("status").GetString());
        Assert.Equal("Access was denied.", r.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Settings_TsigKeysPipeFormat_JsonBody_GetAndKeyNames()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = AuthServer.AdminToken;

        // keyName|sharedSecret|algorithm; an empty secret makes the server generate one.
        await OkAsync(server, "/api/settings/set", ("token", token), ("tsigKeys", "external-dns||hmac-sha256"));
        JsonElement names = await GetAsync(server, $"/api/settings/getTsigKeyNames?token={token}");
        Assert.Contains("external-dns", names.GetProperty("response").GetProperty("tsigKeyNames").EnumerateArray().Select(e => e.GetString()));

        using var json = new StringContent("""{"forwarders":["127.0.0.1:5353"],"forwarderProtocol":"Tcp"}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage posted = await server.Client.PostAsync($"/api/settings/set?token={token}", json);
        JsonElement set = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.True(set.GetProperty("status").GetString() == "ok", set.ToString());

        JsonElement get = (await GetAsync(server, $"/api/settings/get?token={token}")).GetProperty("response");
        Assert.Equal(["127.0.0.1:5353"], get.GetProperty("forwarders").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Tcp", get.GetProperty("forwarderProtocol").GetString());
        JsonElement key = Assert.Single(get.GetProperty("tsigKeys").EnumerateArray(), k => k.GetProperty("keyName").GetString() == "external-dns");
        Assert.Equal("hmac-sha256", key.GetProperty("algorithmName").GetString());
        Assert.Equal("", key.GetProperty("sharedSecret").GetString());
    }

    [Fact]
    public async Task Records_MxTxtSrv_AddedWithTechnitiumParameters_AreServed_AndGetReturnsTheirRData()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        string token = AuthServer.AdminToken;
        await OkAsync(server, "/api/zones/records/add", ("token", token), ("domain", "example.com"), ("type", "MX"),
            ("preference", "10"), ("exchange", "mail.example.com"));
        await OkAsync(server, "/api/zones/records/add", ("token", token), ("domain", "txt.example.com"), ("type", "TXT"),
            ("text", "hello world"));
        await OkAsync(server, "/api/zones/records/add", ("token", token), ("domain", "_sip._tcp.example.com"), ("type", "SRV"),
            ("priority", "1"), ("weight", "2"), ("port", "5060"), ("target", "sip.example.com"));

        Assert.Equal("10 mail.example.com.", (await DigAsync(server, "example.com", "MX")).Trim());
        Assert.Equal("\"hello world\"", (await DigAsync(server, "txt.example.com", "TXT")).Trim());
        Assert.Equal("1 2 5060 sip.example.com.", (await DigAsync(server, "_sip._tcp.example.com", "SRV")).Trim());

        JsonElement srv = Assert.Single((await GetAsync(server, $"/api/zones/records/get?token={token}&domain=_sip._tcp.example.com"))
            .GetProperty("response").GetProperty("records").EnumerateArray());
        Assert.Equal(5060, srv.GetProperty("rData").GetProperty("port").GetInt32());
        Assert.Equal("sip.example.com", srv.GetProperty("rData").GetProperty("target").GetString());
        JsonElement mx = Assert.Single((await GetAsync(server, $"/api/zones/records/get?token={token}&domain=example.com"))
            .GetProperty("response").GetProperty("records").EnumerateArray(), r => r.GetProperty("type").GetString() == "MX");
        Assert.Equal(10, mx.GetProperty("rData").GetProperty("preference").GetInt32());
    }

    private static async Task OkAsync(AuthServer server, string path, params (string, string)[] form)
    {
        JsonElement r = await PostAsync(server, path, form);
        Assert.True(r.GetProperty("status").GetString() == "ok", r.ToString());
    }

    private static async Task<JsonElement> PostAsync(AuthServer server, string path, params (string Key, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        using HttpResponseMessage r = await server.Client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(AuthServer server, string path)
    {
        using HttpResponseMessage r = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<string> DigAsync(AuthServer server, string name, string type) =>
        DigClient.RunAsync("dig", $"@{server.Dns.Address}", "-p", server.Dns.Port.ToString(CultureInfo.InvariantCulture),
            "+short", "+tries=1", "+time=5", name, type);
}
