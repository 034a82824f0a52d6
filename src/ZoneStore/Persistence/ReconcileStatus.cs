namespace SplitDns.ZoneStore.Persistence;

/// <summary>What reconciling a zone file into the store did.</summary>
public enum ReconcileStatus
{
    /// <summary>The zone was new: stored from the file.</summary>
    Created = 0,

    /// <summary>The file's records are what the store already had from it.</summary>
    Unchanged = 1,

    /// <summary>The file changed: its records were replaced (dynamic records kept), serial advanced.</summary>
    Updated = 2,
}
