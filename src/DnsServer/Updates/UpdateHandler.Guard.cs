using SplitDns.Server.Processing;
using SplitDns.Server.Updates.Guard;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates;

public sealed partial class UpdateHandler
{
    /// <summary>
    /// Submits the UPDATE with the mass-deletion guard when it watches this key in this zone. A
    /// held UPDATE (nothing changed) is retried once when another replica's approval turns up in
    /// the admin store; else the hold is logged, counted and stored before the REFUSED answer.
    /// </summary>
    private async Task<UpdateResult?> SubmitGuardedAsync(DnsRequest request, ZoneKey zone, ZoneUpdatePolicy policy, string? keyName,
        CancellationToken ct)
    {
        IUpdateGuard? guard = _guard?.For(zone, keyName);
        ZoneChangeRequest change = ZoneChangeRequest.Dynamic(zone, request.Message, policy, keyName, request.Client, guard);
        UpdateResult? update = (await _zones.Writer.SubmitAsync(change, ct).ConfigureAwait(false)).Update;
        if (update is not { Held: true } || _guard is null || keyName is null)
        {
            return update;
        }

        var scope = new GuardScope(zone, keyName);
        if (await _guard.TryLoadApprovalAsync(scope, ct).ConfigureAwait(false))
        {
            change = ZoneChangeRequest.Dynamic(zone, request.Message, policy, keyName, request.Client, guard);
            update = (await _zones.Writer.SubmitAsync(change, ct).ConfigureAwait(false)).Update;
            if (update is not { Held: true })
            {
                return update;
            }
        }

        await _guard.ReportHeldAsync(scope, ct).ConfigureAwait(false);
        return update;
    }
}
