using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Api.Zones;

/// <summary>History, rollback, export and import against the real server: dig, nsupdate, named-checkzone and AXFR.</summary>
public sealed class HistoryRollbackTests(ZonesServer server) : IClassFixture<ZonesServer>
{
    private const string Zone = "/api/v1/zones/example.com";

    [Fact]
    public async Task History_ApiAndNsupdateChanges_NewestFirstWithActorClientProvenance()
    {
        using HttpClient http = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Zone + "/records", new { name = "hist-api", type = "A", data = "192.0.2.60" })).StatusCode);
        ToolResult ns = await server.NsupdateAsync("update add hist-ns.example.com. 120 A 192.0.2.61");
        Assert.True(ns.ExitCode == 0, ns.ToString());

        JsonElement[] changes = [.. (await ZonesServer.JsonAsync(await http.GetAsync(Zone + "/history?limit=2"))).GetProperty("changes").EnumerateArray()];
        Assert.Equal(2, changes.Length);
        JsonElement viaNsupdate = changes[0];
        JsonElement viaApi = changes[1];
        Assert.Equal("dynamic", viaNsupdate.GetProperty("provenance").GetString());
        Assert.StartsWith(ZonesServer.KeyName, viaNsupdate.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains(viaNsupdate.GetProperty("added").EnumerateArray(), l => l.GetString()!.StartsWith("hist-ns.example.com.", StringComparison.Ordinal));
        Assert.Equal("api", viaApi.GetProperty("provenance").GetString());
        Assert.Equal("api:admin", viaApi.GetProperty("actor").GetString());
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(viaApi.GetProperty("client").GetString()!)));
        Assert.Contains(viaApi.GetProperty("added").EnumerateArray(), l => l.GetString()!.Contains("192.0.2.60", StringComparison.Ordinal));
        Assert.Contains(viaApi.GetProperty("deleted").EnumerateArray(), l => l.GetString()!.Contains("SOA", StringComparison.Ordinal));
        Assert.Equal(viaApi.GetProperty("to_serial").GetUInt32(), viaNsupdate.GetProperty("from_serial").GetUInt32());

        // The next page starts at the change that ended where this page's oldest began.
        uint before = viaApi.GetProperty("from_serial").GetUInt32();
        JsonElement next = (await ZonesServer.JsonAsync(await http.GetAsync($"{Zone}/history?limit=1&before_serial={before}"))).GetProperty("changes")[0];
        Assert.Equal(before, next.GetProperty("to_serial").GetUInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?before_serial=-1", "before_serial")]
    [InlineData("?before_serial=4000000000", "before_serial")]
    public async Task History_BadParameter_400NamingIt(string query, string parameter)
    {
        using HttpClient http = server.Client();
        await RecordsApiTests.AssertProblemAsync(await http.GetAsync(Zone + "/history" + query), HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Rollback_ToSerial_AxfrEqualsTheStateThenExceptTheSerial()
    {
        using HttpClient http = server.Client();
        List<string> before = await server.AxfrWithoutSerialAsync();
        uint serial = await SerialAsync(http);

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Zone + "/records", new { name = "rb-new", type = "A", data = "192.0.2.70" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(Zone + "/records?name=txt&type=TXT")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(Zone + "/records", new
        {
            old = new { name = "www", type = "A", data = "192.0.2.80" },
            @new = new { name = "www", type = "A", ttl = 60, data = "192.0.2.88" },
        })).StatusCode);
        Assert.True((await server.NsupdateAsync("update add rb-ns.example.com. 60 TXT \"x\"")).ExitCode == 0);
        Assert.NotEqual(before, await server.AxfrWithoutSerialAsync());
        uint changed = await SerialAsync(http);

        HttpResponseMessage r = await http.PostAsJsonAsync(Zone + "/rollback", new { serial });
        JsonElement json = await ZonesServer.JsonAsync(r);
        Assert.True(r.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal(changed, json.GetProperty("from_serial").GetUInt32());
        uint after = json.GetProperty("to_serial").GetUInt32();
        Assert.True(after > changed);
        Assert.Equal(after, await SerialAsync(http));
        Assert.Equal(before, await server.AxfrWithoutSerialAsync());

        // The rollback is itself a journaled change by the API caller.
        JsonElement last = (await ZonesServer.JsonAsync(await http.GetAsync(Zone + "/history?limit=1"))).GetProperty("changes")[0];
        Assert.Equal(after, last.GetProperty("to_serial").GetUInt32());
        Assert.Equal("api:admin", last.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Rollback_ToTime_UndoesLaterChanges()
    {
        using HttpClient http = server.Client();
        List<string> before = await server.AxfrWithoutSerialAsync();
        JsonElement newest = (await ZonesServer.JsonAsync(await http.GetAsync(Zone + "/history?limit=1"))).GetProperty("changes")[0];
        DateTimeOffset at = newest.GetProperty("time").GetDateTimeOffset();
        await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Zone + "/records", new { name = "rb-time", type = "A", data = "192.0.2.71" })).StatusCode);

        HttpResponseMessage r = await http.PostAsJsonAsync(Zone + "/rollback", new { time = at });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(before, await server.AxfrWithoutSerialAsync());
    }

    [Fact]
    public async Task Rollback_BeyondTheJournal_409NamingTheOldestSerial()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsJsonAsync(Zone + "/rollback", new { serial = 4000000000u });
        await RecordsApiTests.AssertProblemAsync(r, HttpStatusCode.Conflict, null, "oldest reachable serial");
    }

    [Theory]
    [InlineData("{}", "serial")]
    [InlineData("""{"serial":1,"time":"2026-01-01T00:00:00Z"}""", "time")]
    [InlineData("""{"serial":"x"}""", "body")]
    public async Task Rollback_BadBody_400(string body, string parameter)
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsync(Zone + "/rollback", new StringContent(body, Encoding.UTF8, "application/json"));
        await RecordsApiTests.AssertProblemAsync(r, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Export_AcceptedByNamedCheckzone_AndReimportsToTheSameRecords()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.GetAsync(Zone + "/export");
        Assert.Equal("text/dns", r.Content.Headers.ContentType?.MediaType);
        string text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("$ORIGIN example.com.\n$TTL ", text, StringComparison.Ordinal);
        string file = Path.Combine(server.Folder, "export.zone");
        File.WriteAllText(file, text);
        ToolResult check = await ClientTool.RunAsync("named-checkzone", ["-i", "none", "example.com", file], null, TimeSpan.FromSeconds(20));
        Assert.True(check.ExitCode == 0, check.ToString());

        JsonElement merge = await ZonesServer.JsonAsync(await http.PostAsync(Zone + "/import?mode=replace", new StringContent(text, Encoding.UTF8, "text/dns")));
        Assert.Equal(0, merge.GetProperty("added").GetInt32());
        Assert.Equal(0, merge.GetProperty("deleted").GetInt32());
    }

    [Fact]
    public async Task Import_MergeThenReplace_OneChangeEachAnsweredByDig()
    {
        using HttpClient http = server.Client();
        string original = await (await http.GetAsync(Zone + "/export")).Content.ReadAsStringAsync();
        JsonElement merged = await ZonesServer.JsonAsync(await http.PostAsync(Zone + "/import",
            new StringContent("$TTL 120\nimp1 A 192.0.2.90\nimp2 A 192.0.2.91\n", Encoding.UTF8, "text/dns")));
        Assert.Equal(2, merged.GetProperty("added").GetInt32());
        Assert.Contains("192.0.2.90", server.Dig.Query("imp1.example.com A").Output, StringComparison.Ordinal);

        JsonElement replaced = await ZonesServer.JsonAsync(await http.PostAsync(Zone + "/import?mode=replace", new StringContent(original, Encoding.UTF8, "text/dns")));
        Assert.Equal(2, replaced.GetProperty("deleted").GetInt32());
        Assert.Equal("NXDOMAIN", server.Dig.Query("imp1.example.com A").Status);
    }

    [Theory]
    [InlineData("?mode=sideways", "www A 192.0.2.1", "mode")]
    [InlineData("", "www A not-an-address", "body")]
    [InlineData("", "$INCLUDE /etc/passwd", "body")]
    [InlineData("?mode=replace", "www A 192.0.2.1", "body")]
    [InlineData("", "host.example.org. 60 A 192.0.2.1", "body")]
    public async Task Import_BadInput_400(string query, string body, string parameter)
    {
        using HttpClient http = server.Client();
        HttpResponseMessage r = await http.PostAsync(Zone + "/import" + query, new StringContent(body + "\n", Encoding.UTF8, "text/dns"));
        await RecordsApiTests.AssertProblemAsync(r, HttpStatusCode.BadRequest, parameter);
    }

    private static async Task<uint> SerialAsync(HttpClient http)
    {
        JsonElement soa = (await ZonesServer.JsonAsync(await http.GetAsync(Zone + "/records?name=@&type=SOA"))).GetProperty("records")[0];
        return uint.Parse(soa.GetProperty("data").GetString()!.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
