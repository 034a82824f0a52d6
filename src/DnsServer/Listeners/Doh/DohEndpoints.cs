using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Registers DoH and puts it in front of the HTTP pipeline as a middleware (no routing, no API
/// authentication: a DoH query must be cheap). On the HTTPS endpoints only the DoH path exists
/// (the operations and admin endpoints stay on SplitDns:Listen:Http); on the plain HTTP
/// endpoints the DoH path is served only with SplitDns:Doh:AllowPlainHttp.
/// </summary>
public static class DohEndpoints
{
    public static IServiceCollection AddDoh(this IServiceCollection services, DohSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(sp => new DohMetrics(sp.GetRequiredService<DnsServerMetrics>().Meter));
        services.AddSingleton<DohRequestHandler>();
        return services;
    }

    public static void Map(WebApplication app)
    {
        DohSettings settings = app.Services.GetRequiredService<DohSettings>();
        if (!settings.Enabled)
        {
            return;
        }

        // Created now: its observable counter must exist before the first scrape.
        DohRequestHandler handler = app.Services.GetRequiredService<DohRequestHandler>();
        string path = settings.Path;
        bool plain = settings.AllowPlainHttp;
        app.Use(next => http =>
        {
            bool doh = http.Request.Path.Equals(path, StringComparison.Ordinal);
            if (http.Request.IsHttps)
            {
                return doh ? Handle(http, handler) : NotFound(http);
            }

            return doh && plain ? Handle(http, handler) : next(http);
        });
        LogEndpoints(app, settings);
    }

    private static Task Handle(HttpContext http, DohRequestHandler handler)
    {
        // Kestrel stops a body past this with 413 itself; the reader stops at 65,536 octets anyway.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ushort.MaxValue;
        }

        return handler.HandleAsync(http);
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return http.Response.WriteAsync("not found: this endpoint serves DNS over HTTPS only\n");
    }

    private static void LogEndpoints(WebApplication app, DohSettings settings)
    {
        ILogger logger = app.Services.GetRequiredService<ILogger<DohRequestHandler>>();
        Hosting.ServerSettings server = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.ServerSettings>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (System.Net.IPEndPoint ep in settings.HttpsEndpoints)
            {
                Log.Listening(logger, ep, settings.Path);
            }

            if (settings.AllowPlainHttp)
            {
                Log.PlainHttp(logger, string.Join(", ", server.HttpEndpoints), settings.Path);
            }
        });
    }
}
