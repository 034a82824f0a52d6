using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Zones;

/// <summary>One record as the API shows it: absolute owner, type mnemonic, TTL, RDATA in presentation format, provenance (file, dynamic, api).</summary>
public sealed record ApiRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ttl")] uint Ttl,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("provenance")] string Provenance);
