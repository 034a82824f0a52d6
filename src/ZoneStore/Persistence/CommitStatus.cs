namespace SplitDns.ZoneStore.Persistence;

/// <summary>The result of <see cref="IZoneStore.CommitAsync"/>.</summary>
public enum CommitStatus
{
    /// <summary>Committed durably.</summary>
    Committed = 0,

    /// <summary>The zone's serial moved on since the change was computed: reload and retry.</summary>
    Conflict = 1,

    /// <summary>The zone does not exist in the store.</summary>
    NoSuchZone = 2,
}
