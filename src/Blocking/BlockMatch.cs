namespace SplitDns.Blocking;

/// <summary>The outcome of <see cref="BlockingIndex.Match"/>: blocked (by which list), allowed, or neither.</summary>
public readonly struct BlockMatch
{
    public BlockMatch(bool isBlocked, int listIndex)
    {
        IsBlocked = isBlocked;
        ListIndex = listIndex;
    }

    public BlockMatch(bool isBlocked, int listIndex, bool isAllowed)
    {
        IsBlocked = isBlocked;
        ListIndex = listIndex;
        IsAllowed = isAllowed;
    }

    public static BlockMatch None => new(false, -1);

    /// <summary>An allow entry (allowlist or exception) matched the name or a parent; it wins over any block.</summary>
    public bool IsAllowed { get; }

    /// <summary>A block entry matched and no allow entry did.</summary>
    public bool IsBlocked { get; }

    /// <summary>The catalog index of the list whose most specific entry blocked; -1 when not blocked.</summary>
    public int ListIndex { get; }

    public override string ToString() => IsBlocked ? $"blocked by list {ListIndex}" : IsAllowed ? "allowed" : "not listed";
}
