using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Cookies;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.RateLimiting;

/// <summary>Registers response rate limiting and client DNS cookies; the query processor picks them up.</summary>
public static class RateLimitServiceCollectionExtensions
{
    public static IServiceCollection AddRateLimitAndCookies(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(sp => new RateLimitMetrics(sp.GetRequiredService<DnsServerMetrics>().Meter));
        services.AddSingleton(sp => new ResponseRateLimiter(settings.RateLimit, sp.GetRequiredService<RateLimitMetrics>(),
            sp.GetRequiredService<ILogger<ResponseRateLimiter>>(), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new CookieMetrics(sp.GetRequiredService<DnsServerMetrics>().Meter));
        if (settings.Cookies.Enabled)
        {
            services.AddSingleton(sp => new ServerCookies(settings.Cookies, sp.GetRequiredService<CookieMetrics>(), sp.GetService<TimeProvider>()));
        }

        return services;
    }
}
