using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Config;

/// <summary>The body of POST /api/v1/zones (and what the Technitium layer builds from zones/create).</summary>
public sealed record ZoneCreateRequest
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>"primary" (default) or "forwarder".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>"" or absent: the shared instance every view sees; else a view's own zone.</summary>
    [JsonPropertyName("view")]
    public string? View { get; init; }

    /// <summary>Forwarder zones: at least one server, "address[:port]".</summary>
    [JsonPropertyName("forwarders")]
    public IReadOnlyList<string>? Forwarders { get; init; }

    /// <summary>Forwarder zones: udp (default), tcp, tls or https.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    /// <summary>Primary zones: existing TSIG keys that get full update (and AXFR) rights in the zone.</summary>
    [JsonPropertyName("update_keys")]
    public IReadOnlyList<string>? UpdateKeys { get; init; }
}
