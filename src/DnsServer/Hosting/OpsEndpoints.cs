using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Metrics;
using SplitDns.Server.Zones;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Operations endpoints on the HTTP port, unauthenticated: /metrics (Prometheus text 0.0.4),
/// /healthz (the process is alive) and /readyz (every configured zone is loaded).
/// </summary>
public static class OpsEndpoints
{
    public static void Map(WebApplication app)
    {
        PrometheusExporter exporter = app.Services.GetRequiredService<PrometheusExporter>();
        ZoneFileService zones = app.Services.GetRequiredService<ZoneFileService>();
        app.MapGet("/metrics", () => Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => zones.Ready
            ? Results.Text("ready\n")
            : Results.Text("zones not loaded\n", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
