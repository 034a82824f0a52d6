using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Tls;

public static class TlsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="TlsCertificateSource"/> (when SplitDns:Tls:Certificates is set)
    /// and a hosted service that starts its reload watch with the host and stops it with it.
    /// Resolving the source loads the certificates; <see cref="Hosting.SplitDnsHost"/> does that
    /// before binding, so a broken pair stops start-up with the file and the reason.
    /// </summary>
    public static IServiceCollection AddTlsCertificates(this IServiceCollection services, TlsSettings settings)
    {
        services.AddSingleton(settings);
        if (!settings.HasCertificates)
        {
            return services;
        }

        services.AddSingleton(sp => new TlsMetrics(sp.GetRequiredService<DnsServerMetrics>().Meter));
        services.AddSingleton(sp => TlsCertificateSource.Load(settings,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<TlsCertificateSource>(), sp.GetRequiredService<TlsMetrics>()));
        services.AddHostedService(sp => new TlsCertificateWatch(sp.GetRequiredService<TlsCertificateSource>()));
        return services;
    }

    private sealed class TlsCertificateWatch(TlsCertificateSource source) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            source.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            source.Dispose();
            return Task.CompletedTask;
        }
    }
}
