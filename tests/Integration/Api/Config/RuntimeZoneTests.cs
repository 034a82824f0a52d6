using System.Net;
using System.Text.Json;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>POST/GET/DELETE /api/v1/zones against the real server, answered by dig.</summary>
public sealed class RuntimeZoneTests
{
    [Fact]
    public async Task CreatePrimary_DigSoaAndNs_AnsweredAtOnceAndListedAsApi()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, body) = await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "new.test", type = "primary" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("new.test.", body.GetProperty("name").GetString());
        Assert.Equal("primary", body.GetProperty("type").GetString());
        string soa = await s.DigAsync("new.test", "SOA", "+norec");
        Assert.Contains("status: NOERROR", soa, StringComparison.Ordinal);
        Assert.Contains("ns1.new.test. hostmaster.new.test. 1 3600 900 1209600 300", soa, StringComparison.Ordinal);
        Assert.Contains("flags: qr aa", soa, StringComparison.Ordinal);
        Assert.Matches(@"new\.test\.\s+3600\s+IN\s+NS\s+ns1\.new\.test\.", await s.DigAsync("new.test", "NS", "+norec"));

        var (_, list) = await s.SendAsync(HttpMethod.Get, "/api/v1/zones");
        JsonElement zone = list.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("name").GetString() == "new.test.");
        Assert.Equal(("primary", "api", 1u, 2), (zone.GetProperty("type").GetString(), zone.GetProperty("origin_of").GetString(),
            zone.GetProperty("serial").GetUInt32(), zone.GetProperty("records").GetInt32()));
        JsonElement config = list.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("name").GetString() == "example.com.");
        Assert.Equal("config", config.GetProperty("origin_of").GetString());
    }

    [Fact]
    public async Task CreatePrimary_Restart_StillServedFromTheSameStore()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "kept.test" });

        await s.RestartAsync();

        Assert.Contains("hostmaster.kept.test. 1 ", await s.DigAsync("kept.test", "SOA", "+norec"), StringComparison.Ordinal);
        var (_, list) = await s.SendAsync(HttpMethod.Get, "/api/v1/zones");
        Assert.Contains(list.GetProperty("zones").EnumerateArray(),
            z => z.GetProperty("name").GetString() == "kept.test." && z.GetProperty("origin_of").GetString() == "api");
    }

    [Fact]
    public async Task DeletePrimary_NoLongerServedAndGoneAfterRestart()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "gone.test" });

        var (status, _) = await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/gone.test.");

        Assert.Equal(HttpStatusCode.NoContent, status);
        // Not served any more: the name is not ours, and RD=0 keeps it from the upstream (REFUSED).
        Assert.Contains("status: REFUSED", await s.DigAsync("gone.test", "SOA", "+norec"), StringComparison.Ordinal);
        await s.RestartAsync();
        Assert.Contains("status: REFUSED", await s.DigAsync("gone.test", "SOA", "+norec"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/gone.test")).Status);

        // Created again from scratch: serial 1, not the old zone.
        Assert.Equal(HttpStatusCode.Created, (await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "gone.test" })).Status);
        Assert.Contains("hostmaster.gone.test. 1 ", await s.DigAsync("gone.test", "SOA", "+norec"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteConfigZone_409NamingTheConfiguration()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, body) = await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/example.com");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("edit the configuration", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("status: NOERROR", await s.DigAsync("example.com", "SOA", "+norec"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"bad..name\"}", "name")]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x.test\",\"type\":\"secondary\"}", "type")]
    [InlineData("{\"name\":\"x.test\",\"type\":\"forwarder\",\"forwarders\":[\"not-an-address\"]}", "forwarders[0]")]
    [InlineData("{\"name\":\"x.test\",\"type\":\"forwarder\",\"forwarders\":[]}", "forwarders")]
    [InlineData("{\"name\":\"x.test\",\"type\":\"forwarder\",\"forwarders\":[\"127.0.0.1\"],\"protocol\":\"quic\"}", "protocol")]
    [InlineData("{\"name\":\"x.test\",\"view\":\"nosuchview\"}", "view")]
    [InlineData("{\"name\":\"x.test\",\"update_keys\":[\"nokey\"]}", "update_keys")]
    [InlineData("{\"name\":", "body")]
    public async Task Create_BadInput_400NamingTheParameter(string json, string parameter)
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, body) = await s.SendAsync(HttpMethod.Post, "/api/v1/zones", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Create_Exists_409()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "twice.test" });

        Assert.Equal(HttpStatusCode.Conflict, (await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "twice.test" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "example.com" })).Status);
    }

    [Fact]
    public async Task CreateForwarder_DigNameBelow_AnsweredByItsServer()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, _) = await s.SendAsync(HttpMethod.Post, "/api/v1/zones",
            new { name = "corp.test", type = "forwarder", forwarders = new[] { s.Conditional.EndPoint.ToString() }, protocol = "udp" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Contains("198.51.100.3", await s.DigAsync("host.corp.test", "A"), StringComparison.Ordinal);
        Assert.Equal(1, s.Conditional.CountFor("host.corp.test."));
        Assert.Contains("198.51.100.1", await s.DigAsync("other.test", "A"), StringComparison.Ordinal);

        var (_, list) = await s.SendAsync(HttpMethod.Get, "/api/v1/zones");
        JsonElement zone = list.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("name").GetString() == "corp.test.");
        Assert.Equal(JsonValueKind.Null, zone.GetProperty("serial").ValueKind);
        Assert.Equal(s.Conditional.EndPoint.ToString(), zone.GetProperty("forwarders")[0].GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/corp.test")).Status);
        Assert.Contains("198.51.100.1", await s.DigAsync("host2.corp.test", "A"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_401AndNothingCreated()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = s.Http.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "anon.test" }, anonymous)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.SendAsync(HttpMethod.Get, "/api/v1/tsig-keys", null, anonymous)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.SendAsync(HttpMethod.Put, "/api/v1/forwarders", new { upstreams = new[] { "127.0.0.1" } }, anonymous)).Status);
        Assert.Contains("status: REFUSED", await s.DigAsync("anon.test", "SOA", "+norec"), StringComparison.Ordinal);
    }
}
