using System.Net;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>Zones created for one view: only that view's clients see them.</summary>
public sealed class RuntimeViewZoneTests
{
    [Fact]
    public async Task CreatePrimaryForView_ThatViewAnswersOtherViewDoesNot()
    {
        await using ConfigServer s = await ConfigServer.StartAsync(null, null,
            "--SplitDns:Views:0:Name=inner", "--SplitDns:Views:0:Networks=127.0.9.9/32",
            "--SplitDns:Views:1:Name=outer");

        var (status, body) = await s.SendAsync(HttpMethod.Post, "/api/v1/zones", new { name = "split.test", view = "inner" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("inner", body.GetProperty("view").GetString());
        Assert.Contains("status: NOERROR", await s.DigAsync("-b", "127.0.9.9", "split.test", "SOA", "+norec"), StringComparison.Ordinal);
        Assert.Contains("status: REFUSED", await s.DigAsync("split.test", "SOA", "+norec"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/split.test")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await s.SendAsync(HttpMethod.Delete, "/api/v1/zones/split.test?view=inner")).Status);
        Assert.Contains("status: REFUSED", await s.DigAsync("-b", "127.0.9.9", "split.test", "SOA", "+norec"), StringComparison.Ordinal);
    }
}
