using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Updates.Guard;

/// <summary>Mass-deletion guard log events. IDs 5090-5099 (the updates range) are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(5090, LogLevel.Warning, "Mass deletion held: key {Key} would delete {Deleting} of {Owned} records in zone {Zone} (view '{View}', limit {MaxShare:P0}, attempt {Attempts}, client {Client}); UPDATE refused, nothing changed. Approve with: splitdns guard approve --zone {Zone} --key {Key}")]
    public static partial void Held(ILogger logger, string key, int deleting, int owned, string zone, string view, double maxShare, int attempts, string client);

    [LoggerMessage(5091, LogLevel.Warning, "Mass deletion approved: key {Key} may delete in zone {Zone} (view '{View}') until {Expires:O}, approved by {ApprovedBy}")]
    public static partial void Approved(ILogger logger, string key, string zone, string view, DateTimeOffset expires, string approvedBy);

    [LoggerMessage(5092, LogLevel.Information, "Mass deletion approval for key {Key} in zone {Zone} (view '{View}') found in the admin store; retrying the held UPDATE")]
    public static partial void ApprovalLoaded(ILogger logger, string key, string zone, string view);

    [LoggerMessage(5093, LogLevel.Warning, "Mass-deletion guard: admin store {Operation} failed: {Error}")]
    public static partial void StoreFailed(ILogger logger, string operation, string error);

    [LoggerMessage(5094, LogLevel.Information, "Mass deletion approval revoked: key {Key} in zone {Zone} (view '{View}') by {RevokedBy}")]
    public static partial void Revoked(ILogger logger, string key, string zone, string view, string revokedBy);
}
