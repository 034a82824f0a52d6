using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Updates;

/// <summary>Update, transfer and NOTIFY log events. IDs 5000-5099 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "UPDATE {Zone} from {Client} key {Key}: {Rcode}, serial {OldSerial} -> {NewSerial}, {Deleted} deleted, {Added} added")]
    public static partial void UpdateApplied(ILogger logger, string zone, IPEndPoint client, string key, string rcode, uint oldSerial, uint newSerial, int deleted, int added);

    [LoggerMessage(5002, LogLevel.Information, "UPDATE {Zone} from {Client} key {Key}: RR {Record} -> {Outcome}")]
    public static partial void UpdateRr(ILogger logger, string zone, IPEndPoint client, string key, string record, string outcome);

    [LoggerMessage(5003, LogLevel.Warning, "UPDATE {Zone} from {Client} key {Key} refused with {Rcode}: {Reason}; rejected RR: {Record}")]
    public static partial void UpdateRejected(ILogger logger, string zone, IPEndPoint client, string key, string rcode, string reason, string record);

    [LoggerMessage(5004, LogLevel.Warning, "UPDATE for zone '.' from {Client} key {Key}: NOTAUTH. The client named no zone: set --rfc2136-zone (external-dns) or 'zone' (nsupdate)")]
    public static partial void UpdateRootZone(ILogger logger, IPEndPoint client, string key);

    [LoggerMessage(5005, LogLevel.Warning, "{Kind} from {Client} failed TSIG: {Error} (key {Key}, algorithm {Algorithm})")]
    public static partial void TsigFailed(ILogger logger, string kind, IPEndPoint client, string error, string key, string algorithm);

    [LoggerMessage(5006, LogLevel.Information, "{Kind} {Zone} to {Client} key {Key}: {Messages} messages, {Records} records, {Bytes} bytes, serial {Serial}")]
    public static partial void TransferServed(ILogger logger, string kind, string zone, IPEndPoint client, string key, int messages, int records, long bytes, uint serial);

    [LoggerMessage(5007, LogLevel.Warning, "{Kind} {Zone} from {Client} key {Key} REFUSED: not allowed by the zone's Transfer setting or an update grant with AllowTransfer")]
    public static partial void TransferRefused(ILogger logger, string kind, string zone, IPEndPoint client, string key);

    [LoggerMessage(5008, LogLevel.Information, "NOTIFY {Zone} from {Client} (view {View}) acknowledged ({Rcode})")]
    public static partial void NotifyReceived(ILogger logger, string zone, IPEndPoint client, string view, string rcode);

    [LoggerMessage(5009, LogLevel.Information, "NOTIFY {Zone} serial {Serial} sent to {Target}: {Result}")]
    public static partial void NotifySent(ILogger logger, string zone, uint serial, IPEndPoint target, string result);

    [LoggerMessage(5010, LogLevel.Error, "UPDATE {Zone}: store commit failed, answered SERVFAIL")]
    public static partial void CommitFailed(ILogger logger, string zone, Exception exception);

    // 5011 (reconciled), 5012 (stale snapshot republished), 5015 (caught up) and 5016 (commit
    // conflict, re-applied) are logged by SplitDns.ZoneStore.Writing; 5090-5099 by the mass-deletion
    // guard (SplitDns.Server.Updates.Guard.Log).

    [LoggerMessage(5014, LogLevel.Warning, "{Kind} {Zone} from {Client} key {Key}: {Rcode}, {Reason}")]
    public static partial void TransferRejected(ILogger logger, string kind, string zone, IPEndPoint client, string key, string rcode, string reason);

    [LoggerMessage(5013, LogLevel.Warning, "UPDATE {Zone} from {Client}: NOTAUTH, zone not served here")]
    public static partial void UpdateNotAuth(ILogger logger, string zone, IPEndPoint client);

    [LoggerMessage(5020, LogLevel.Warning, "Store unreachable: {Problem}. Queries keep being answered from the published zones; updates get SERVFAIL until it returns")]
    public static partial void StoreDown(ILogger logger, string problem);

    [LoggerMessage(5021, LogLevel.Information, "Store reachable again; catching up every zone from its journal")]
    public static partial void StoreUp(ILogger logger);

    [LoggerMessage(5022, LogLevel.Warning, "UPDATE {Zone} from {Client}: SERVFAIL, the store cannot be reached ({Problem}); nothing was changed")]
    public static partial void UpdateStoreDown(ILogger logger, string zone, IPEndPoint client, string problem);

    [LoggerMessage(5023, LogLevel.Warning, "Zone {Zone} is served from the snapshot cache (serial {Serial}) until the store can be reached: {Problem}")]
    public static partial void ZoneFromCache(ILogger logger, string zone, uint serial, string problem);

    [LoggerMessage(5024, LogLevel.Warning, "Zone {Zone} is not loaded: the store cannot be reached ({Problem}) and there is no cached copy ({Cache}); /readyz stays 503 until it can")]
    public static partial void ZoneAwaitingStore(ILogger logger, string zone, string problem, string cache);

    [LoggerMessage(5025, LogLevel.Warning, "Snapshot cache: writing {Zone} failed: {Error}")]
    public static partial void SnapshotCacheFailed(ILogger logger, string zone, string error);

    [LoggerMessage(5026, LogLevel.Warning, "Catch-up of {Zone} from the store failed: {Error}")]
    public static partial void CatchUpFailed(ILogger logger, string zone, string error);
}
