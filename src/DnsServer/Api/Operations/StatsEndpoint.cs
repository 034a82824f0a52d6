using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Views;

namespace SplitDns.Server.Api.Operations;

/// <summary>
/// GET /api/v1/stats (any role): the dashboard. Rates and ratios from the server's counters
/// (<see cref="StatsSampler"/>), upstream health from the upstream servers, and the top names,
/// clients and blocked names of the last hour from the query log when it is on (else empty).
/// </summary>
public static class StatsEndpoint
{
    public const int TopCount = 10;

    public static readonly TimeSpan TopWindow = TimeSpan.FromHours(1);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/stats", (HttpContext http, StatsSampler sampler, ViewTable views) => StatsAsync(http, sampler, views))
            .WithName("Stats").WithSummary("Queries per second, blocked and cache hit ratios, upstream health, top names/clients/blocked (last hour).");

    private static async Task<IResult> StatsAsync(HttpContext http, StatsSampler sampler, ViewTable views)
    {
        long queries = sampler.Queries;
        long lookups = sampler.CacheHits + sampler.CacheMisses;
        IQueryLogStore? store = http.RequestServices.GetService<IQueryLogStore>();
        IReadOnlyList<QueryLogCount> names = [], clients = [], blocked = [];
        string? queryLogError = null;
        if (store is not null)
        {
            DateTime since = DateTime.UtcNow - TopWindow;
            try
            {
                names = await store.TopAsync(QueryLogTopKind.Names, since, TopCount, http.RequestAborted).ConfigureAwait(false);
                clients = await store.TopAsync(QueryLogTopKind.Clients, since, TopCount, http.RequestAborted).ConfigureAwait(false);
                blocked = await store.TopAsync(QueryLogTopKind.BlockedNames, since, TopCount, http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The dashboard still shows the counters; the query log's trouble is named.
                queryLogError = $"the query log store {store.Description} cannot be read: {ex.Message}";
            }
        }

        return Results.Json(new StatsJson(
            Math.Round(sampler.QueriesPerSecond, 3),
            queries > 0 ? (double)sampler.Blocked / queries : 0,
            lookups > 0 ? (double)sampler.CacheHits / lookups : 0,
            queries,
            sampler.Blocked,
            Upstreams(views),
            names.Select(c => new NameCount(c.Key, c.Count)).ToList(),
            clients.Select(c => new ClientCount(c.Key, c.Count)).ToList(),
            blocked.Select(c => new NameCount(c.Key, c.Count)).ToList(),
            store is not null,
            queryLogError), ApiJson.Options.Info<StatsJson>());
    }

    /// <summary>Every upstream server of every view's groups, once (views naming the same servers share a group).</summary>
    private static List<UpstreamJson> Upstreams(ViewTable views)
    {
        var seen = new HashSet<UpstreamServer>(ReferenceEqualityComparer.Instance);
        var list = new List<UpstreamJson>();
        foreach (DnsView view in views.Views)
        {
            var groups = new List<UpstreamGroup>();
            if (view.Forwarders.Upstream is { } upstream)
            {
                groups.Add(upstream);
            }

            groups.AddRange(view.Forwarders.Conditional.Zones.Select(z => z.Upstreams));
            foreach (UpstreamServer server in groups.SelectMany(g => g.Servers))
            {
                if (seen.Add(server))
                {
                    list.Add(new UpstreamJson(server.Label, server.IsUp, Math.Round(server.SmoothedRttMs, 3)));
                }
            }
        }

        return list;
    }

    internal sealed record StatsJson(double QueriesPerSecond, double BlockedRatio, double CacheHitRatio, long QueriesTotal,
        long BlockedTotal, List<UpstreamJson> Upstreams, List<NameCount> TopNames, List<ClientCount> TopClients,
        List<NameCount> TopBlocked, bool QueryLog, string? QueryLogError);

    internal sealed record UpstreamJson(string Name, bool Up, double LatencyMs);

    internal sealed record NameCount(string Name, long Count);

    internal sealed record ClientCount(string Client, long Count);
}
