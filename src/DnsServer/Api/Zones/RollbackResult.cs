using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Zones;

/// <summary>What a rollback did: the serials before and after its one new change, and the records it deleted and added (zone-file lines, SOA left out).</summary>
public sealed record RollbackResult(
    [property: JsonPropertyName("from_serial")] uint FromSerial,
    [property: JsonPropertyName("to_serial")] uint ToSerial,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> Deleted,
    [property: JsonPropertyName("added")] IReadOnlyList<string> Added);
