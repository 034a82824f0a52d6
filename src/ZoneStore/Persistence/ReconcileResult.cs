namespace SplitDns.ZoneStore.Persistence;

/// <summary>The result of reconciling one zone file into the store.</summary>
public sealed record ReconcileResult(ReconcileStatus Status, uint Serial, int Deleted, int Added);
