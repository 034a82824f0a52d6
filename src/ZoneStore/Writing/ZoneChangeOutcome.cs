using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

/// <summary>
/// What a <see cref="ZoneChangeRequest"/> did. Dynamic and API changes: the UPDATE's result
/// (committed and published when it changed anything). File changes: the reconcile result (null
/// without a store) and the zone's full records (file + dynamic + API), the snapshot to serve.
/// </summary>
public sealed record ZoneChangeOutcome(UpdateResult? Update, ReconcileResult? Reconcile, IReadOnlyList<ResourceRecord>? Records);
