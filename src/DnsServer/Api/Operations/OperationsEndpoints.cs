using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SplitDns.Server.Api.Explain;

namespace SplitDns.Server.Api.Operations;

/// <summary>Maps explain, views, blocklists, cache and stats onto /api/v1 (docs/api.md "Explain" and "Views, blocklists, cache and statistics").</summary>
public static class OperationsEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        _ = app;
        ExplainEndpoint.Map(api);
        ViewsEndpoints.Map(api);
        BlocklistsEndpoints.Map(api);
        CacheEndpoints.Map(api);
        StatsEndpoint.Map(api);
    }
}
