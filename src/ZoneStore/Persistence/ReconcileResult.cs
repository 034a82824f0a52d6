namespace SplitDns.ZoneStore.Persistence;

/// <summary>The result of reconciling one zone file into the store.</summary>
public sealed record ReconcileResult(ReconcileStatus Status, uint Serial, int Deleted, int Added)
{
    /// <summary>
    /// When <see cref="ReconcileStatus.Unchanged"/>: the zone's records as the reconcile read them
    /// (file, dynamic and API), so the caller need not load a large zone a second time. Else null.
    /// </summary>
    public IReadOnlyList<StoredRecord>? Records { get; init; }
}
