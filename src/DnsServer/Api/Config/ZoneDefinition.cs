using System.Text.Json;
using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// A zone created through the API as the admin store keeps it (kind "zone"): what to create again
/// at start-up and on other replicas. Persisted as JSON with snake_case names; add fields, never rename.
/// </summary>
public sealed record ZoneDefinition
{
    public const string Kind = "zone";

    internal static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = Api.ServerJsonContext.Default,
    };

    /// <summary>The origin, absolute ("example.com.").</summary>
    public required string Name { get; init; }

    /// <summary>"" for the shared instance, else the view whose own zone it is.</summary>
    public string View { get; init; } = "";

    /// <summary>"primary" or "forwarder".</summary>
    public required string Type { get; init; }

    /// <summary>Forwarder zones: the servers (address[:port] or the short form).</summary>
    public IReadOnlyList<string>? Forwarders { get; init; }

    /// <summary>Forwarder zones: udp, tcp, tls or https.</summary>
    public string? Protocol { get; init; }

    /// <summary>Primary zones: TSIG keys granted every update (and AXFR) in the zone.</summary>
    public IReadOnlyList<string>? UpdateKeys { get; init; }

    public DateTimeOffset Created { get; init; }

    public string Actor { get; init; } = "";

    /// <summary>The admin store's name of a zone: "view/origin" ("/example.com." when shared).</summary>
    public static string StoreName(string view, string origin) => view + "/" + origin;

    public string ToJson() => JsonSerializer.Serialize(this, s_json.Info<ZoneDefinition>());

    public static ZoneDefinition? FromJson(string json) => JsonSerializer.Deserialize(json, s_json.Info<ZoneDefinition>());
}
