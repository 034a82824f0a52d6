using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// One journal row: the difference between two serials (the unit of IXFR, RFC 1995 §4) and who
/// made it. <see cref="Deleted"/> starts with the old SOA, <see cref="Added"/> with the new one.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    uint FromSerial,
    uint ToSerial,
    DateTimeOffset Time,
    string? KeyName,
    string? Client,
    RecordProvenance Provenance,
    IReadOnlyList<ResourceRecord> Deleted,
    IReadOnlyList<ResourceRecord> Added);
