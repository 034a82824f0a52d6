using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Metrics;
using SplitDns.Server.Updates;
using SplitDns.Server.Zones;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Operations endpoints on the HTTP port, unauthenticated: /metrics (Prometheus text 0.0.4),
/// /healthz (the process is alive), /readyz (every configured zone is being served: queries can
/// be sent here) and /readyz?store (the store can be reached: updates can be sent here). A replica
/// whose shared database is down keeps answering queries, so /readyz stays 200 while
/// /readyz?store says 503.
/// </summary>
public static class OpsEndpoints
{
    public static void Map(WebApplication app)
    {
        PrometheusExporter exporter = app.Services.GetRequiredService<PrometheusExporter>();
        ZoneFileService zones = app.Services.GetRequiredService<ZoneFileService>();
        app.MapGet("/metrics", () => Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        StoreHealth? store = app.Services.GetService<StoreHealth>();
        app.MapGet("/readyz", (HttpRequest request) =>
        {
            if (request.Query.ContainsKey("store"))
            {
                return store is { IsUp: true }
                    ? Results.Text("store ready\n")
                    : Results.Text($"store not ready: {store?.Problem ?? "no store configured"}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return zones.Ready
                ? Results.Text("ready\n")
                : Results.Text($"{zones.NotReadyReason}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
