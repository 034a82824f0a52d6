using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Zones;

/// <summary>One journal row as the history shows it: who changed what and when, deleted and added records as zone-file lines.</summary>
public sealed record HistoryChange(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("from_serial")] uint FromSerial,
    [property: JsonPropertyName("to_serial")] uint ToSerial,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("actor")] string? Actor,
    [property: JsonPropertyName("client")] string? Client,
    [property: JsonPropertyName("provenance")] string Provenance,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> Deleted,
    [property: JsonPropertyName("added")] IReadOnlyList<string> Added);
