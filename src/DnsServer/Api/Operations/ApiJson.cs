using System.Text.Json;

namespace SplitDns.Server.Api.Operations;

/// <summary>The JSON shape of the operations and explain routes: snake_case names (docs/api.md conventions).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = Api.ServerJsonContext.Default,
    };
}
