using System.Diagnostics.Metrics;

namespace SplitDns.Server.Updates.Guard;

/// <summary>
/// The mass-deletion guard's instruments, on the updates meter: UPDATEs held
/// (<c>splitdns_update_mass_deletion_held_total{zone,view,key}</c>), approvals given
/// (<c>splitdns_update_mass_deletion_approved_total</c>) and the holds live on this replica
/// (<c>splitdns_update_mass_deletion_holding{zone,view,key}</c>, 1 per held key and zone).
/// </summary>
public sealed class GuardMetrics
{
    private readonly Counter<long> _held;
    private readonly Counter<long> _approved;

    public GuardMetrics(Meter meter, Func<IReadOnlyList<HeldDeletion>> holding)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _held = meter.CreateCounter<long>("splitdns.update.mass_deletion.held", "{update}",
            "UPDATEs refused by the mass-deletion guard, by zone and key");
        _approved = meter.CreateCounter<long>("splitdns.update.mass_deletion.approved", "{approval}",
            "Operator approvals of a held mass deletion, by zone and key");
        meter.CreateObservableGauge("splitdns.update.mass_deletion.holding", () => Observe(holding()), "{hold}",
            "Keys whose deletions in a zone are held on this replica (1 each) until approved");
    }

    public void Held(GuardScope scope) => _held.Add(1, Tags(scope));

    public void Approved(GuardScope scope) => _approved.Add(1, Tags(scope));

    private static IEnumerable<Measurement<int>> Observe(IReadOnlyList<HeldDeletion> holds)
    {
        foreach (HeldDeletion h in holds)
        {
            yield return new Measurement<int>(1, new("zone", h.Zone), new("view", h.View), new("key", h.Key));
        }
    }

    private static KeyValuePair<string, object?>[] Tags(GuardScope scope) =>
        [new("zone", scope.ZoneName), new("view", scope.Zone.View), new("key", scope.Key)];
}
