using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Registers DoH and puts it in front of the whole HTTP pipeline (a startup filter runs before
/// routing and the API's authentication: a DoH query must be cheap and needs no token). On the
/// HTTPS endpoints only the DoH path exists (the operations and admin endpoints stay on
/// SplitDns:Listen:Http); on the plain HTTP endpoints the DoH path is served only with
/// SplitDns:Doh:AllowPlainHttp.
/// </summary>
public static class DohEndpoints
{
    public static IServiceCollection AddDoh(this IServiceCollection services, DohSettings settings)
    {
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => new DohMetrics(sp.GetRequiredService<DnsServerMetrics>().Meter));
        services.AddSingleton<DohRequestHandler>();
        services.AddTransient<IStartupFilter, DohStartupFilter>();
        return services;
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

    private sealed class DohStartupFilter(DohSettings settings, DohRequestHandler handler, IOptions<Hosting.ServerSettings> server,
        IHostApplicationLifetime lifetime, ILogger<DohRequestHandler> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            string path = settings.Path;
            bool plain = settings.AllowPlainHttp;
            app.Use(rest => http =>
            {
                bool doh = http.Request.Path.Equals(path, StringComparison.Ordinal);
                if (http.Request.IsHttps)
                {
                    return doh ? Handle(http, handler) : NotFound(http);
                }

                return doh && plain ? Handle(http, handler) : rest(http);
            });
            lifetime.ApplicationStarted.Register(LogEndpoints);
            next(app);
        };

        private void LogEndpoints()
        {
            foreach (System.Net.IPEndPoint ep in settings.HttpsEndpoints)
            {
                Log.Listening(logger, ep, settings.Path);
            }

            if (settings.AllowPlainHttp)
            {
                Log.PlainHttp(logger, string.Join(", ", server.Value.HttpEndpoints), settings.Path);
            }
        }
    }
}
