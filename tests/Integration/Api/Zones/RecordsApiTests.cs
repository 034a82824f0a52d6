using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Api.Zones;

/// <summary>GET/POST/PUT/DELETE /api/v1/zones/{zone}/records against the real server, checked with dig.</summary>
public sealed class RecordsApiTests(ZonesServer server) : IClassFixture<ZonesServer>
{
    private const string Records = "/api/v1/zones/example.com/records";

    [Fact]
    public async Task List_WholeZone_RecordsWithProvenanceInCanonicalOrder()
    {
        using HttpClient http = server.Client();
        JsonElement json = await ZonesServer.JsonAsync(await http.GetAsync(Records + "?name=www"));
        JsonElement[] records = [.. json.GetProperty("records").EnumerateArray()];
        Assert.Equal(2, records.Length);
        Assert.All(records, r => Assert.Equal("www.example.com.", r.GetProperty("name").GetString()));
        Assert.Equal(new List<string?> { "192.0.2.80", "192.0.2.81" }, records.Select(r => r.GetProperty("data").GetString()).ToList());
        Assert.Equal("file", records[0].GetProperty("provenance").GetString());
        Assert.Equal(300u, records[0].GetProperty("ttl").GetUInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task List_PagedByTwo_EveryRecordOnceInOrder()
    {
        using HttpClient http = server.Client();
        JsonElement all = await ZonesServer.JsonAsync(await http.GetAsync(Records + "?limit=1000"));
        var expected = all.GetProperty("records").EnumerateArray().Select(Key).ToList();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            JsonElement page = await ZonesServer.JsonAsync(await http.GetAsync(Records + "?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page.GetProperty("records").EnumerateArray().Select(Key));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null && seen.Count < 1000);
        Assert.Equal(expected, seen);
        Assert.Contains(expected, k => k.StartsWith("example.com. SOA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?type=BOGUS", "type")]
    [InlineData("?name=www.example.org.", "name")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=x", "limit")]
    [InlineData("?cursor=%21%21", "cursor")]
    public async Task List_BadParameter_400NamingIt(string query, string parameter)
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.GetAsync(Records + query);
        await AssertProblemAsync(r, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task List_UnknownZone_404()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.GetAsync("/api/v1/zones/example.org/records");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("example.org.", (await ZonesServer.JsonAsync(r)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-admin-token-000")]
    public async Task AnyRoute_WithoutValidToken_401(string? token)
    {
        using HttpClient http = server.Client(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(Records)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(Records, new { name = "x", type = "A", data = "192.0.2.1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync(Records + "?name=www&type=A")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/zones/example.com/export")).StatusCode);
    }

    [Fact]
    public async Task Add_Record_201AndAnsweredByDigAtOnce()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsJsonAsync(Records, new { name = "api-add", type = "A", ttl = 120, data = "192.0.2.10" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        JsonElement json = await ZonesServer.JsonAsync(r);
        JsonElement record = json.GetProperty("record");
        Assert.Equal("api-add.example.com.", record.GetProperty("name").GetString());
        Assert.Equal("api", record.GetProperty("provenance").GetString());
        Assert.Equal(120u, record.GetProperty("ttl").GetUInt32());
        uint serial = json.GetProperty("serial").GetUInt32();

        DigResult dig = server.Dig.Query("api-add.example.com A");
        Assert.Equal("NOERROR", dig.Status);
        Assert.Contains("192.0.2.10", dig.Output, StringComparison.Ordinal);
        Assert.Contains($" {serial} ", server.Dig.Query("example.com SOA").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Overwrite_ReplacesTheRrset()
    {
        using HttpClient http = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "ow", type = "A", data = "192.0.2.1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "ow", type = "A", data = "192.0.2.2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "ow", type = "A", data = "192.0.2.3", overwrite = true })).StatusCode);
        JsonElement json = await ZonesServer.JsonAsync(await http.GetAsync(Records + "?name=ow&type=A"));
        Assert.Equal(new List<string?> { "192.0.2.3" }, json.GetProperty("records").EnumerateArray().Select(e => e.GetProperty("data").GetString()).ToList());
    }

    [Theory]
    [InlineData("""{"name":"bad","type":"A","data":"not-an-address"}""", "data")]
    [InlineData("""{"name":"bad","type":"MX","data":"10"}""", "data")]
    [InlineData("""{"name":"bad","type":"NOPE","data":"1"}""", "type")]
    [InlineData("""{"name":"bad","type":"ANY","data":"1"}""", "type")]
    [InlineData("""{"name":"host.example.org.","type":"A","data":"192.0.2.1"}""", "name")]
    [InlineData("""{"name":"bad..x","type":"A","data":"192.0.2.1"}""", "name")]
    [InlineData("""{"type":"A","data":"192.0.2.1"}""", "name")]
    [InlineData("""{"name":"bad","type":"A","ttl":-1,"data":"192.0.2.1"}""", "ttl")]
    [InlineData("""{"name":"bad","type":"A","ttl":2147483648,"data":"192.0.2.1"}""", "ttl")]
    [InlineData("""{"name":"bad","type":"SOA","data":"ns1 hm 5 1 1 1 1"}""", "type")]
    [InlineData("""{"name":"bad","type":"A","data":""" , "body")]
    [InlineData("""{"name":1,"type":"A","data":"192.0.2.1"}""", "body")]
    public async Task Add_BadInput_400NamingTheParameter(string body, string parameter)
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsync(Records, new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(r, HttpStatusCode.BadRequest, parameter);
        Assert.Contains("NXDOMAIN", server.Dig.Query("bad.example.com A").Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_Existing_409()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsJsonAsync(Records, new { name = "www", type = "A", data = "192.0.2.80" });
        await AssertProblemAsync(r, HttpStatusCode.Conflict, null, "exists");
    }

    [Theory]
    [InlineData("alias", "A", "192.0.2.9")]
    [InlineData("www", "CNAME", "ns1")]
    public async Task Add_CnameAndOtherData_409WithTheReason(string name, string type, string data)
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsJsonAsync(Records, new { name, type, data });
        await AssertProblemAsync(r, HttpStatusCode.Conflict, null, "CNAME");
    }

    [Fact]
    public async Task Update_Existing_ReplacedAndAnswered()
    {
        using HttpClient http = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "upd", type = "A", data = "192.0.2.20" })).StatusCode);
        HttpResponseMessage r = await http.PutAsJsonAsync(Records, new
        {
            old = new { name = "upd.example.com.", type = "A", data = "192.0.2.20" },
            @new = new { name = "upd", type = "A", ttl = 60, data = "192.0.2.21" },
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("192.0.2.21", (await ZonesServer.JsonAsync(r)).GetProperty("record").GetProperty("data").GetString());
        DigResult dig = server.Dig.Query("upd.example.com A");
        Assert.Contains("192.0.2.21", dig.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.20", dig.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ARecordIntoCnameAtTheSameName_Allowed()
    {
        using HttpClient http = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "tocname", type = "A", data = "192.0.2.30" })).StatusCode);
        HttpResponseMessage r = await http.PutAsJsonAsync(Records, new
        {
            old = new { name = "tocname", type = "A", data = "192.0.2.30" },
            @new = new { name = "tocname", type = "CNAME", data = "www" },
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("CNAME", server.Dig.Query("tocname.example.com A").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_Missing_404AndNothingChanged()
    {
        using HttpClient http = server.Client();
        string before = server.Dig.Query("example.com SOA").Output;
        HttpResponseMessage r = await http.PutAsJsonAsync(Records, new
        {
            old = new { name = "www", type = "A", data = "192.0.2.99" },
            @new = new { name = "www", type = "A", data = "192.0.2.98" },
        });
        await AssertProblemAsync(r, HttpStatusCode.NotFound, null, "192.0.2.99");
        Assert.Equal(SoaLine(before), SoaLine(server.Dig.Query("example.com SOA").Output));
    }

    [Fact]
    public async Task Update_MissingNew_400()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PutAsJsonAsync(Records, new { old = new { name = "www", type = "A", data = "192.0.2.80" } });
        await AssertProblemAsync(r, HttpStatusCode.BadRequest, "new");
    }

    [Fact]
    public async Task Delete_OneRecordThenRrset_GoneFromDns()
    {
        using HttpClient http = server.Client();
        await http.PostAsJsonAsync(Records, new { name = "del", type = "A", data = "192.0.2.40" });
        await http.PostAsJsonAsync(Records, new { name = "del", type = "A", data = "192.0.2.41" });
        JsonElement one = await ZonesServer.JsonAsync(await http.DeleteAsync(Records + "?name=del&type=A&data=192.0.2.40"));
        Assert.Equal(1, one.GetProperty("deleted").GetInt32());
        Assert.DoesNotContain("192.0.2.40", server.Dig.Query("del.example.com A").Output, StringComparison.Ordinal);
        JsonElement all = await ZonesServer.JsonAsync(await http.DeleteAsync(Records + "?name=del&type=A"));
        Assert.Equal(1, all.GetProperty("deleted").GetInt32());
        Assert.Equal("NXDOMAIN", server.Dig.Query("del.example.com A").Status);
    }

    [Theory]
    [InlineData("?name=nothing-here&type=A", HttpStatusCode.NotFound, null)]
    [InlineData("?name=www&type=A&data=192.0.2.200", HttpStatusCode.NotFound, null)]
    [InlineData("?name=@&type=SOA", HttpStatusCode.BadRequest, "type")]
    [InlineData("?name=@&type=NS", HttpStatusCode.Conflict, null)]
    [InlineData("?name=www&type=A&data=300.1.1.1", HttpStatusCode.BadRequest, "data")]
    [InlineData("?type=A", HttpStatusCode.BadRequest, "name")]
    [InlineData("?name=www", HttpStatusCode.BadRequest, "type")]
    public async Task Delete_Refused_WithStatusAndReason(string query, HttpStatusCode status, string? parameter)
    {
        using HttpClient http = server.Client();
        await AssertProblemAsync(await http.DeleteAsync(Records + query), status, parameter);
    }

    [Fact]
    public async Task Delete_LastApexNs_409()
    {
        using HttpClient http = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(Records + "?name=@&type=NS&data=ns2")).StatusCode);
        await AssertProblemAsync(await http.DeleteAsync(Records + "?name=@&type=NS&data=ns1"), HttpStatusCode.Conflict, null, "last apex NS");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Records, new { name = "@", type = "NS", data = "ns2" })).StatusCode);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage r, HttpStatusCode status, string? parameter, string? detailPart = null)
    {
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status}, got {(int)r.StatusCode}: {body}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        JsonElement json = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
        if (parameter is not null)
        {
            Assert.Equal(parameter, json.GetProperty("parameter").GetString());
        }

        if (detailPart is not null)
        {
            Assert.Contains(detailPart, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private static string Key(JsonElement r) =>
        $"{r.GetProperty("name").GetString()} {r.GetProperty("type").GetString()} {r.GetProperty("data").GetString()}";

    private static string SoaLine(string digOutput) =>
        digOutput.Split('\n').First(l => l.Contains("\tSOA\t", StringComparison.Ordinal) && !l.StartsWith(';'));
}
