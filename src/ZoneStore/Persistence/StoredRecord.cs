using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>One record as the store holds it, with its provenance.</summary>
public readonly record struct StoredRecord(ResourceRecord Record, RecordProvenance Provenance);
