using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Zones;

/// <summary>
/// A record as a request gives it: owner (absolute, or relative to the zone), type, TTL (null:
/// the RRset's TTL, else 3600) and RDATA in presentation format (names relative to the zone).
/// </summary>
public sealed class RecordSpec
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("ttl")]
    public long? Ttl { get; init; }

    [JsonPropertyName("data")]
    public string? Data { get; init; }

    /// <summary>POST only: replace the whole RRset of that name and type instead of adding to it.</summary>
    [JsonPropertyName("overwrite")]
    public bool Overwrite { get; init; }
}
