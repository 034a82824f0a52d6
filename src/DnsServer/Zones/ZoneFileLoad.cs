using SplitDns.Protocol.Records;

namespace SplitDns.Server.Zones;

/// <summary>What one read of a zone file produced: records, and errors as "file:line:column: reason".</summary>
public sealed record ZoneFileLoad(IReadOnlyList<ResourceRecord> Records, IReadOnlyList<string> Errors);
