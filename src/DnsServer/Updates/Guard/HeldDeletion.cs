namespace SplitDns.Server.Updates.Guard;

/// <summary>
/// A mass deletion the guard holds: which key in which zone (and view), how many records the
/// held UPDATE (with the key's earlier deletions in the window) would delete of how many it
/// owns, when it was first and last refused, and how many times (external-dns retries).
/// </summary>
public sealed record HeldDeletion(string Zone, string View, string Key, int Deleting, int Owned, double MaxShare,
    DateTimeOffset FirstHeld, DateTimeOffset LastHeld, int Attempts, string Client);
