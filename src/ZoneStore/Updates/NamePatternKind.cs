namespace SplitDns.ZoneStore.Updates;

/// <summary>How an update-policy name pattern matches owner names.</summary>
public enum NamePatternKind
{
    /// <summary>Exactly the name ("@" is the zone apex).</summary>
    Exact = 0,

    /// <summary>Names strictly below the name ("*" or "*.sub"), the apex itself excluded.</summary>
    Below = 1,

    /// <summary>The name and everything below it ("**" or "**.sub").</summary>
    AtOrBelow = 2,
}
