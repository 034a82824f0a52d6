using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Config;

/// <summary>GET/PUT /api/v1/forwarders: the default upstream group's servers and their protocol.</summary>
public sealed record ForwarderList
{
    [JsonPropertyName("upstreams")]
    public IReadOnlyList<string>? Upstreams { get; init; }

    /// <summary>udp, tcp, tls or https ("mixed" in a GET when the configuration mixes them).</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }
}
