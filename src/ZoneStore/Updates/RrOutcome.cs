using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>The result of one update-section RR, for the per-RR log line.</summary>
public readonly record struct RrOutcome(ResourceRecord Record, RrOutcomeKind Kind, int Count = 1);
