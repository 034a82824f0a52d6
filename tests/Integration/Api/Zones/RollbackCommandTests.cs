using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Api.Zones;

/// <summary><c>splitdns rollback</c> end to end: the CLI against the running server's API, checked with AXFR.</summary>
public sealed class RollbackCommandTests(ZonesServer server) : IClassFixture<ZonesServer>
{
    [Fact]
    public async Task Rollback_ToSerialWithTokenFile_Exit0PrintsNewSerialAndAxfrRestored()
    {
        using HttpClient http = server.Client();
        List<string> before = await server.AxfrWithoutSerialAsync();
        JsonElement soa = (await ZonesServer.JsonAsync(await http.GetAsync("/api/v1/zones/example.com/records?name=@&type=SOA"))).GetProperty("records")[0];
        string serial = soa.GetProperty("data").GetString()!.Split(' ')[2];
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/zones/example.com/records", new { name = "cli", type = "A", data = "192.0.2.77" })).StatusCode);
        string tokenFile = Path.Combine(server.Folder, "token");
        File.WriteAllText(tokenFile, ZonesServer.AdminToken + "\n");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = RollbackCommand.Run(["--url", server.Http.ToString(), "--token-file", tokenFile, "--zone", "example.com", "--serial", serial], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        uint printed = uint.Parse(stdout.ToString().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(printed > uint.Parse(serial, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(before, await server.AxfrWithoutSerialAsync());
    }

    [Fact]
    public void Rollback_BeyondTheJournal_Exit1WithTheProblemDetail()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = RollbackCommand.Run(["--url", server.Http.ToString(), "--token", ZonesServer.AdminToken, "--zone", "example.com", "--serial", "4000000000"], stdout, stderr);
        Assert.Equal(1, exit);
        Assert.Contains("409", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("oldest reachable serial", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--zone", "example.com", "--serial", "1")]
    [InlineData("--url", "http://127.0.0.1:9", "--token", "t", "--zone", "example.com")]
    [InlineData("--url", "http://127.0.0.1:9", "--token", "t", "--zone", "example.com", "--serial", "x")]
    [InlineData("--url", "http://127.0.0.1:9", "--zone", "example.com", "--serial", "1")]
    public void Rollback_BadArguments_Exit2(params string[] args)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, RollbackCommand.Run(args, new StringWriter(), stderr));
        Assert.Contains("splitdns rollback:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rollback_WrongToken_Exit1With401()
    {
        var stderr = new StringWriter();
        int exit = RollbackCommand.Run(["--url", server.Http.ToString(), "--token", "wrong-token-0123456789", "--zone", "example.com", "--serial", "1"], new StringWriter(), stderr);
        Assert.Equal(1, exit);
        Assert.Contains("401", stderr.ToString(), StringComparison.Ordinal);
    }
}
