using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// The outcome of applying one UPDATE message to a working set. When <see cref="Rcode"/> is not
/// NOERROR nothing may be committed; when <see cref="Changed"/> is false the serial stays.
/// </summary>
public sealed class UpdateResult
{
    private UpdateResult(DnsRcode rcode, string? reason, ResourceRecord? offending)
    {
        Rcode = rcode;
        Reason = reason;
        Offending = offending;
    }

    public DnsRcode Rcode { get; }

    /// <summary>Why the update failed (for the log), or null.</summary>
    public string? Reason { get; }

    /// <summary>The RR that caused the failure (policy denial, NOTZONE, FORMERR), if any.</summary>
    public ResourceRecord? Offending { get; }

    public List<RrOutcome> Outcomes { get; } = [];

    public List<ResourceRecord> Deleted { get; private set; } = [];

    public List<ResourceRecord> Added { get; private set; } = [];

    public uint OldSerial { get; private set; }

    public uint NewSerial { get; private set; }

    public bool Changed => Added.Count > 0 || Deleted.Count > 0;

    /// <summary>True when an <see cref="IUpdateGuard"/> held the update back (REFUSED, nothing changed).</summary>
    public bool Held { get; private init; }

    public static UpdateResult Fail(DnsRcode rcode, string reason, ResourceRecord? offending = null) =>
        new(rcode, reason, offending);

    /// <summary>An update the mass-deletion guard holds: REFUSED, nothing committed.</summary>
    public static UpdateResult Hold(string reason) => new(DnsRcode.Refused, reason, null) { Held = true };

    public static UpdateResult Success(List<RrOutcome> outcomes, List<ResourceRecord> deleted,
        List<ResourceRecord> added, uint oldSerial, uint newSerial)
    {
        var result = new UpdateResult(DnsRcode.NoError, null, null)
        {
            Deleted = deleted,
            Added = added,
            OldSerial = oldSerial,
            NewSerial = newSerial,
        };
        result.Outcomes.AddRange(outcomes);
        return result;
    }
}
