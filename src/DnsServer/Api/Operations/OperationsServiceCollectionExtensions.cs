using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Explain;

namespace SplitDns.Server.Api.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Registers the explainer and the statistics sampler (a hosted service).</summary>
    public static IServiceCollection AddOperationsApi(this IServiceCollection services)
    {
        services.AddSingleton<QueryExplainer>();
        services.AddSingleton<StatsSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<StatsSampler>());
        return services;
    }
}
