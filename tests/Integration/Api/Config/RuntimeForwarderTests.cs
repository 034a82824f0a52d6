using System.Net;

namespace SplitDns.Integration.Tests.Api.Config;

/// <summary>GET/PUT /api/v1/forwarders: answers come from the new upstream at once and after a restart.</summary>
public sealed class RuntimeForwarderTests
{
    [Fact]
    public async Task Put_NewUpstream_AnswersComeFromItAndSurviveRestart()
    {
        await using ConfigServer s = await ConfigServer.StartAsync();
        var (_, before) = await s.SendAsync(HttpMethod.Get, "/api/v1/forwarders");
        Assert.Equal(s.UpstreamA.EndPoint.ToString(), before.GetProperty("upstreams")[0].GetString());
        Assert.Contains("198.51.100.1", await s.DigAsync("a.example.net", "A"), StringComparison.Ordinal);

        var (status, body) = await s.SendAsync(HttpMethod.Put, "/api/v1/forwarders",
            new { upstreams = new[] { s.UpstreamB.EndPoint.ToString() }, protocol = "udp" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(s.UpstreamB.EndPoint.ToString(), body.GetProperty("upstreams")[0].GetString());
        Assert.Equal("udp", body.GetProperty("protocol").GetString());
        Assert.Contains("198.51.100.2", await s.DigAsync("b.example.net", "A"), StringComparison.Ordinal);
        Assert.Equal(1, s.UpstreamB.CountFor("b.example.net."));
        Assert.Equal(0, s.UpstreamA.CountFor("b.example.net."));

        await s.RestartAsync();
        Assert.Contains("198.51.100.2", await s.DigAsync("c.example.net", "A"), StringComparison.Ordinal);
        Assert.Equal(0, s.UpstreamA.CountFor("c.example.net."));
    }

    [Theory]
    [InlineData("{\"upstreams\":[\"127.0.0.1\",\"300.1.1.1\"]}", "upstreams[1]")]
    [InlineData("{\"upstreams\":[\"127.0.0.1\"],\"protocol\":\"smoke\"}", "protocol")]
    [InlineData("{\"protocol\":\"udp\"}", "upstreams")]
    public async Task Put_BadInput_400NamingTheEntryAndNothingChanged(string json, string parameter)
    {
        await using ConfigServer s = await ConfigServer.StartAsync();

        var (status, body) = await s.SendAsync(HttpMethod.Put, "/api/v1/forwarders", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        Assert.Contains("198.51.100.1", await s.DigAsync("d.example.net", "A"), StringComparison.Ordinal);
    }
}
