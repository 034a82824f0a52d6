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

    // 5011 (reconciled) and 5012 (stale snapshot republished) are logged by SplitDns.ZoneStore.Writing.

    [LoggerMessage(5014, LogLevel.Warning, "{Kind} {Zone} from {Client} key {Key}: {Rcode}, {Reason}")]
    public static partial void TransferRejected(ILogger logger, string kind, string zone, IPEndPoint client, string key, string rcode, string reason);

    [LoggerMessage(5013, LogLevel.Warning, "UPDATE {Zone} from {Client}: NOTAUTH, zone not served here")]
    public static partial void UpdateNotAuth(ILogger logger, string zone, IPEndPoint client);
}
