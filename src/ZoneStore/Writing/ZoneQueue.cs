namespace SplitDns.ZoneStore.Writing;

/// <summary>The changes queued for one zone, and whether a writer is draining them.</summary>
internal sealed class ZoneQueue
{
    public Lock Lock { get; } = new();

    public List<PendingChange> Pending { get; set; } = [];

    public bool Draining { get; set; }
}
