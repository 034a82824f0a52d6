using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace SplitDns.Server.Processing;

public static class MessageHandlerServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as the handler for <paramref name="kind"/> (keyed singleton).</summary>
    public static IServiceCollection AddDnsMessageHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services, MessageKind kind)
        where T : class, IMessageHandler
    {
        services.AddKeyedSingleton<IMessageHandler, T>(kind);
        return services;
    }
}
