using System.Globalization;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Server.Admin;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates.Guard;

/// <summary>
/// The mass-deletion guard (docs/operations.md "Mass-deletion guard"). Before an UPDATE signed
/// by a watched key commits, it adds the records the UPDATE deletes to what the key deleted in
/// the zone within the window; at <see cref="MassDeletionGuardSettings.MinDeletions"/> or more,
/// and more than <see cref="MassDeletionGuardSettings.MaxDeleteShare"/> of the records the key
/// owns, the UPDATE is held: REFUSED with nothing changed, until an operator approves the key
/// in the zone (<see cref="ApproveAsync"/>), after which its deletions pass for the approval's
/// lifetime. The records a key owns are those its grants let it change (name patterns and
/// types) that are in the zone now, plus those it deleted within the window (so a burst is
/// measured against the zone as it was before the burst). A record replaced in one UPDATE (a
/// delete and an add at the same name) is not a deletion, nor is deleting again a record the
/// key itself added within the window (churn). Windows and holds are per replica;
/// approvals and holds are also kept in the admin store, which replicas share with PostgreSQL.
/// </summary>
public sealed partial class MassDeletionGuard : IUpdateGuard
{
    private readonly MassDeletionGuardSettings _settings;
    private readonly IAdminStore? _admin;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<GuardScope, DeletionWindow> _windows = [];
    private readonly Dictionary<GuardScope, GuardApproval> _approvals = [];
    private readonly Dictionary<GuardScope, HeldDeletion> _held = [];

    /// <param name="meter">The updates meter (the Prometheus exporter reads it) the guard's instruments join.</param>
    public MassDeletionGuard(MassDeletionGuardSettings settings, IAdminStore? admin, System.Diagnostics.Metrics.Meter meter,
        ILogger<MassDeletionGuard> logger, TimeProvider? time = null)
    {
        _settings = settings;
        _admin = admin;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Metrics = new GuardMetrics(meter, HeldNow);
    }

    public MassDeletionGuardSettings Settings => _settings;

    public GuardMetrics Metrics { get; }

    /// <summary>The guard only for the keys and zones it watches (see <see cref="MassDeletionGuardSettings.Guards"/>).</summary>
    public IUpdateGuard? For(SplitDns.ZoneStore.Memory.ZoneKey zone, string? key) => _settings.Guards(zone, key) ? this : null;

    /// <inheritdoc />
    public UpdateResult? Check(ZoneChangeRequest request, UpdateResult applied, ZoneWorkingSet working)
    {
        if (request.Actor is not { } keyName || !_settings.Guards(request.Zone, keyName))
        {
            return null;
        }

        var scope = new GuardScope(request.Zone, keyName);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(scope, out DeletionWindow? window))
            {
                window = new DeletionWindow();
                _windows[scope] = window;
            }

            window.Forget(request);
            window.Expire(now - _settings.Window);
            int deleting = CountDeletions(applied, window);
            if (deleting == 0)
            {
                window.NoteAdded(now, applied.Added);
                return null;
            }

            if (_approvals.TryGetValue(scope, out GuardApproval? approval) && approval.Expires > now)
            {
                // Approved deletions pass and do not count against the next window.
                window.Clear();
                _held.Remove(scope);
                return null;
            }

            int total = window.Total + deleting;
            if (total >= _settings.MinDeletions)
            {
                int owned = CountOwned(working, request, keyName) + total;
                if (total > owned * _settings.MaxDeleteShare)
                {
                    return Hold(scope, total, owned, request, now);
                }
            }

            window.Add(now, deleting, request);
            window.NoteAdded(now, applied.Added);
            return null;
        }
    }

    private UpdateResult Hold(GuardScope scope, int total, int owned, ZoneChangeRequest request, DateTimeOffset now)
    {
        string client = request.Client?.ToString() ?? "-";
        _held[scope] = _held.TryGetValue(scope, out HeldDeletion? before)
            ? before with { Deleting = total, Owned = owned, LastHeld = now, Attempts = before.Attempts + 1, Client = client }
            : new HeldDeletion(scope.ZoneName, scope.Zone.View, scope.Key, total, owned, _settings.MaxDeleteShare, now, now, 1, client);
        string view = scope.Zone.IsShared ? "" : $" --view {scope.Zone.View}";
        return UpdateResult.Hold(string.Create(CultureInfo.InvariantCulture,
            $"mass deletion held: key {scope.Key} would delete {total} of {owned} records in zone {scope.ZoneName} (limit {_settings.MaxDeleteShare:0.##%} in {_settings.Window.TotalMinutes:0.#} min); approve with `splitdns guard approve --zone {scope.ZoneName} --key {scope.Key}{view}`"));
    }

    /// <summary>
    /// The records an UPDATE removes for good: a delete and an add at the same name is a
    /// replacement, a record the key itself added within the window is churn, and the SOA does
    /// not count.
    /// </summary>
    private static int CountDeletions(UpdateResult applied, DeletionWindow window)
    {
        var replaced = new HashSet<DnsName>();
        foreach (ResourceRecord rr in applied.Added)
        {
            replaced.Add(rr.Name);
        }

        int count = 0;
        foreach (ResourceRecord rr in applied.Deleted)
        {
            if (rr.Type != RecordType.SOA && !replaced.Contains(rr.Name) && !window.AddedRecently(rr))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The records of the zone (after the update) the key's grants let it change, SOA left out.</summary>
    private static int CountOwned(ZoneWorkingSet working, ZoneChangeRequest request, string keyName)
    {
        List<UpdateGrant> grants = request.Policy!.GrantsFor(keyName, request.Client!.Address);
        int count = 0;
        foreach (ResourceRecord rr in working.ToRecords())
        {
            if (rr.Type != RecordType.SOA && ZoneUpdatePolicy.IsAllowed(grants, rr.Name, rr.Type))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The holds on this replica still live (refused within the window), oldest first.</summary>
    public IReadOnlyList<HeldDeletion> HeldNow()
    {
        DateTimeOffset since = _time.GetUtcNow() - _settings.Window;
        lock (_lock)
        {
            foreach (GuardScope stale in _held.Where(h => h.Value.LastHeld < since).Select(h => h.Key).ToList())
            {
                _held.Remove(stale);
            }

            return _held.Values.OrderBy(h => h.FirstHeld).ToList();
        }
    }

    /// <summary>The hold Check recorded for this scope (for the log line, the metric and the store).</summary>
    internal HeldDeletion? HeldFor(GuardScope scope)
    {
        lock (_lock)
        {
            return _held.GetValueOrDefault(scope);
        }
    }
}
