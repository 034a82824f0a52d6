using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Everything one parse produced: the records of the entries that were valid, every error
/// (bad entries are skipped, not fatal) and the warnings (e.g. a TTL taken from the SOA).
/// </summary>
public sealed class ZoneParseResult
{
    public ZoneParseResult(IReadOnlyList<ResourceRecord> records, IReadOnlyList<ZoneFileError> errors, IReadOnlyList<ZoneFileError> warnings)
    {
        Records = records;
        Errors = errors;
        Warnings = warnings;
    }

    public IReadOnlyList<ResourceRecord> Records { get; }

    public IReadOnlyList<ZoneFileError> Errors { get; }

    public IReadOnlyList<ZoneFileError> Warnings { get; }

    /// <summary>True when the file had no errors (warnings allowed).</summary>
    public bool Succeeded => Errors.Count == 0;
}
