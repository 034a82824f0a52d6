using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SplitDns.Server.Api.Explain;

namespace SplitDns.Server.Api.Operations;

/// <summary>Maps explain, views, blocklists, cache, stats and the mass-deletion guard onto /api/v1 (docs/api.md "Explain", "Views, blocklists, cache and statistics" and "Mass-deletion guard").</summary>
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
        GuardEndpoints.Map(api);
    }
}
