using System.Net;

namespace SplitDns.Integration.Tests.Api.Auth;

public sealed partial class AuthApiTests
{
    [Fact]
    public async Task Postgres_TokenFromOneServer_WorksOnAnother_RevokeReachesItWithinTheCacheTime()
    {
        await using PostgresCluster pg = await PostgresCluster.CreateAsync();
        string db = await pg.CreateDatabaseAsync("auth");
        string[] store = ["--SplitDns:Store:Provider=Postgres", $"--SplitDns:Store:ConnectionString={db}"];
        await using AuthServer a = await AuthServer.StartWithAdminAsync(store);
        await using AuthServer b = await AuthServer.StartWithAdminAsync(store);

        string token = await a.CreateTokenAsync("shared", "reader");
        Assert.Equal(HttpStatusCode.OK, await b.WhoAmIStatusAsync(token)); // b caches it now

        using HttpResponseMessage d = await a.SendAsync(HttpMethod.Delete, "/api/v1/tokens/shared", AuthServer.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, d.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await a.WhoAmIStatusAsync(token));

        // b trusts its cache for TokenCacheSeconds (30 s), then reads the store again.
        b.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, await b.WhoAmIStatusAsync(token));
    }
}
