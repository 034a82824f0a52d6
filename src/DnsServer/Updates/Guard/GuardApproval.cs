namespace SplitDns.Server.Updates.Guard;

/// <summary>An operator's approval: deletions by this key in this zone pass the guard until <see cref="Expires"/>.</summary>
public sealed record GuardApproval(string Zone, string View, string Key, DateTimeOffset Expires, string ApprovedBy, DateTimeOffset Approved);
