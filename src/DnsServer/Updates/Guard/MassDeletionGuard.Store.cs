using System.Text.Json;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Admin;
using SplitDns.Server.Api;

namespace SplitDns.Server.Updates.Guard;

public sealed partial class MassDeletionGuard
{
    /// <summary>Admin-store kind of approvals (name "view|zone|key"), shared by replicas with PostgreSQL.</summary>
    public const string ApprovalKind = "guard-approval";

    /// <summary>Admin-store kind of holds (name "view|zone|key"), so any replica's API lists every replica's holds.</summary>
    public const string HeldKind = "guard-held";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = Api.ServerJsonContext.Default,
    };

    /// <summary>
    /// Approves the key's deletions in the zone for <paramref name="lifetime"/> (the configured
    /// approval lifetime when null): the held UPDATE's next retry, and any deletion until then,
    /// passes. Clears the hold and the key's window here and in the admin store.
    /// </summary>
    public async Task<GuardApproval> ApproveAsync(GuardScope scope, TimeSpan? lifetime, string approvedBy, CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var approval = new GuardApproval(scope.ZoneName, scope.Zone.View, scope.Key, now + (lifetime ?? _settings.ApprovalLifetime), approvedBy, now);
        lock (_lock)
        {
            _approvals[scope] = approval;
            _held.Remove(scope);
            _windows.Remove(scope);
        }

        if (_admin is not null)
        {
            // The approval must reach the shared store (other replicas); a failure is the caller's error.
            await _admin.PutAsync(ApprovalKind, scope.StoreName, JsonSerializer.Serialize(approval, s_json.Info<GuardApproval>()), ct).ConfigureAwait(false);
            await _admin.DeleteAsync(HeldKind, scope.StoreName, ct).ConfigureAwait(false);
        }

        Metrics.Approved(scope);
        Log.Approved(_logger, scope.Key, scope.ZoneName, scope.Zone.View, approval.Expires, approvedBy);
        return approval;
    }

    /// <summary>Withdraws an approval before it expires; false when there was none.</summary>
    public async Task<bool> RevokeAsync(GuardScope scope, string revokedBy, CancellationToken ct)
    {
        bool had;
        lock (_lock)
        {
            had = _approvals.Remove(scope);
        }

        if (_admin is not null)
        {
            had |= await _admin.DeleteAsync(ApprovalKind, scope.StoreName, ct).ConfigureAwait(false);
        }

        if (had)
        {
            Log.Revoked(_logger, scope.Key, scope.ZoneName, scope.Zone.View, revokedBy);
        }

        return had;
    }

    /// <summary>
    /// After a hold: looks for an approval another replica stored that this one has not seen.
    /// True when one was found (the caller retries the UPDATE once); a store that cannot be read
    /// means no approval.
    /// </summary>
    public async Task<bool> TryLoadApprovalAsync(GuardScope scope, CancellationToken ct)
    {
        if (_admin is null)
        {
            return false;
        }

        try
        {
            AdminObject? stored = await _admin.GetAsync(ApprovalKind, scope.StoreName, ct).ConfigureAwait(false);
            if (stored is null || JsonSerializer.Deserialize(stored.Body, s_json.Info<GuardApproval>()) is not { } approval
                || approval.Expires <= _time.GetUtcNow())
            {
                return false;
            }

            lock (_lock)
            {
                if (_approvals.TryGetValue(scope, out GuardApproval? known) && known.Expires >= approval.Expires)
                {
                    return false;
                }

                _approvals[scope] = approval;
            }

            Log.ApprovalLoaded(_logger, scope.Key, scope.ZoneName, scope.Zone.View);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.StoreFailed(_logger, "read of approval " + scope.StoreName, ex.Message);
            return false;
        }
    }

    /// <summary>Logs and counts the hold <see cref="Check"/> recorded, and stores it for every replica's API.</summary>
    public async Task ReportHeldAsync(GuardScope scope, CancellationToken ct)
    {
        if (HeldFor(scope) is not { } held)
        {
            return;
        }

        Log.Held(_logger, held.Key, held.Deleting, held.Owned, held.Zone, held.View, held.MaxShare, held.Attempts, held.Client);
        Metrics.Held(scope);
        if (_admin is null)
        {
            return;
        }

        try
        {
            await _admin.PutAsync(HeldKind, scope.StoreName, JsonSerializer.Serialize(held, s_json.Info<HeldDeletion>()), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.StoreFailed(_logger, "write of hold " + scope.StoreName, ex.Message);
        }
    }

    /// <summary>Every live hold: this replica's and the ones other replicas stored (refused within the window).</summary>
    public async Task<IReadOnlyList<HeldDeletion>> ListHeldAsync(CancellationToken ct)
    {
        var all = new Dictionary<(string, string, string), HeldDeletion>();
        DateTimeOffset since = _time.GetUtcNow() - _settings.Window;
        foreach (AdminObject o in await ListStoredAsync(HeldKind, ct).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize(o.Body, s_json.Info<HeldDeletion>()) is { } h && h.LastHeld >= since)
            {
                all[(h.View, h.Zone, h.Key)] = h;
            }
        }

        foreach (HeldDeletion h in HeldNow())
        {
            if (!all.TryGetValue((h.View, h.Zone, h.Key), out HeldDeletion? other) || other.LastHeld < h.LastHeld)
            {
                all[(h.View, h.Zone, h.Key)] = h;
            }
        }

        return all.Values.OrderBy(h => h.FirstHeld).ToList();
    }

    /// <summary>The approvals not yet expired (this replica's and the admin store's).</summary>
    public async Task<IReadOnlyList<GuardApproval>> ListApprovalsAsync(CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var all = new Dictionary<(string, string, string), GuardApproval>();
        foreach (AdminObject o in await ListStoredAsync(ApprovalKind, ct).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize(o.Body, s_json.Info<GuardApproval>()) is { } a && a.Expires > now)
            {
                all[(a.View, a.Zone, a.Key)] = a;
            }
        }

        lock (_lock)
        {
            foreach (GuardApproval a in _approvals.Values)
            {
                if (a.Expires > now)
                {
                    all.TryAdd((a.View, a.Zone, a.Key), a);
                }
            }
        }

        return all.Values.OrderBy(a => a.Expires).ToList();
    }

    /// <summary>The stored objects of a kind; none (logged) when the admin store cannot be read, so this replica's own still show.</summary>
    private async Task<IReadOnlyList<AdminObject>> ListStoredAsync(string kind, CancellationToken ct)
    {
        if (_admin is null)
        {
            return [];
        }

        try
        {
            return await _admin.ListAsync(kind, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.StoreFailed(_logger, "list of " + kind, ex.Message);
            return [];
        }
    }
}
