using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// One effective change to a zone, committed atomically with its journal row. The store applies
/// it only when the zone's serial is still <see cref="BaseSerial"/> (compare-and-set inside the
/// transaction), so replicas sharing one database can never both take the same next serial.
/// <see cref="Deleted"/> holds the old SOA and <see cref="Added"/> the new one (IXFR order).
/// </summary>
public sealed record ZoneCommit(
    ZoneKey Zone,
    uint BaseSerial,
    uint NewSerial,
    IReadOnlyList<ResourceRecord> Deleted,
    IReadOnlyList<ResourceRecord> Added,
    RecordProvenance Provenance,
    string? KeyName,
    string? Client,
    DateTimeOffset Time)
{
    public DnsName Origin => Zone.Origin;
}
