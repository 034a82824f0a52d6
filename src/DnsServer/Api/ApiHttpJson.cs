using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SplitDns.Server.Api;

/// <summary>
/// The minimal APIs' JSON options (camelCase, the ASP.NET Core web defaults) resolve through
/// <see cref="ServerJsonContext"/> only: the reflection resolver the JIT build would add is taken
/// out, so a type missing from the context fails in the tests of the JIT build exactly as it would
/// in the Native AOT binary (where reflection-based serialisation is off).
/// </summary>
internal static class ApiHttpJson
{
    public static IServiceCollection AddApiHttpJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));
        services.PostConfigure<JsonOptions>(o =>
        {
            IList<IJsonTypeInfoResolver> chain = o.SerializerOptions.TypeInfoResolverChain;
            for (int i = chain.Count - 1; i >= 0; i--)
            {
                if (chain[i] is DefaultJsonTypeInfoResolver)
                {
                    chain.RemoveAt(i);
                }
            }
        });
        return services;
    }

    /// <summary>The minimal APIs' options, for a result written with explicit metadata.</summary>
    public static JsonSerializerOptions Options(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
