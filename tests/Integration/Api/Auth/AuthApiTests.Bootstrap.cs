using System.Net;
using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.Api.Auth;

public sealed partial class AuthApiTests
{
    [Fact]
    public async Task Bootstrap_NoAdminConfigured_PrintsTokenOnce_WorksAndSurvivesRestart()
    {
        await using AuthServer server = await AuthServer.StartNewAsync([]);
        string[] lines = [.. server.Logs.Where(l => l.Contains(" 8101 ", StringComparison.Ordinal))];
        string line = Assert.Single(lines);
        Assert.StartsWith("Warning", line);
        Assert.Contains("shown ONCE", line);
        Assert.Contains("DELETE /api/v1/tokens/bootstrap", line);
        string token = Regex.Match(line, "sdns_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));

        await server.StopAsync();
        await server.StartAsync();
        Assert.DoesNotContain(server.Logs, l => l.Contains(" 8101 ", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, l => l.Contains("sdns_", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await server.WhoAmIStatusAsync(token));
    }

    [Fact]
    public async Task Bootstrap_AdminTokenConfigured_PrintsNothing()
    {
        await using AuthServer server = await AuthServer.StartWithAdminAsync();
        Assert.DoesNotContain(server.Logs, l => l.Contains(" 8101 ", StringComparison.Ordinal));
        using HttpResponseMessage r = await server.SendAsync(HttpMethod.Get, "/api/v1/tokens", AuthServer.AdminToken);
        Assert.DoesNotContain("bootstrap", await r.Content.ReadAsStringAsync());
    }
}
