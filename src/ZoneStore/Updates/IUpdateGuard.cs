using SplitDns.ZoneStore.Writing;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// A last check on an UPDATE after it applied to the working set and before it is committed
/// (the mass-deletion guard). The writer calls it only for an update that succeeded and changed
/// something; a non-null answer refuses the update, and the writer discards its changes so the
/// whole UPDATE changes nothing (RFC 2136 §3.4: all or nothing). Called on the zone's single
/// writer, so it must not block; it may be called again for the same request when the batch is
/// re-applied after a commit conflict.
/// </summary>
public interface IUpdateGuard
{
    /// <param name="request">The change (its zone, key and policy).</param>
    /// <param name="applied">What the update did to <paramref name="working"/> (its deleted and added records).</param>
    /// <param name="working">The zone as it would be after the update.</param>
    /// <returns>Null to let it through; else the refusal to answer with (see <see cref="UpdateResult.Hold"/>).</returns>
    UpdateResult? Check(ZoneChangeRequest request, UpdateResult applied, ZoneWorkingSet working);
}
