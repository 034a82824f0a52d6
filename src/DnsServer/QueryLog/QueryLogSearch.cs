using System.Net;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// A query log search: every filter set must match (AND); newest first; at most
/// <see cref="Limit"/> rows, continued from <see cref="Cursor"/> (the last page's
/// <see cref="QueryLogPage.NextCursor"/>).
/// </summary>
public sealed record QueryLogSearch
{
    public const int MaxLimit = 1000;

    /// <summary>A client address (a /32 or /128) or prefix.</summary>
    public IPNetwork? Client { get; init; }

    /// <summary>A name in presentation form (case and final dot do not matter).</summary>
    public string? Name { get; init; }

    /// <summary>True: <see cref="Name"/> and every name below it; false: exactly that name.</summary>
    public bool NameAndBelow { get; init; }

    public int? QType { get; init; }

    public int? Rcode { get; init; }

    public string? View { get; init; }

    /// <summary>True: only blocked answers; false: only answers that were not blocked.</summary>
    public bool? Blocked { get; init; }

    /// <summary>Queries received at or after this time (UTC).</summary>
    public DateTime? From { get; init; }

    /// <summary>Queries received before this time (UTC).</summary>
    public DateTime? To { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>Rows older than this id (exclusive): the previous page's last row.</summary>
    public long? Cursor { get; init; }
}
