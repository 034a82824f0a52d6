namespace SplitDns.Server.Updates;

/// <summary>The UPDATEs queued for one zone, and whether a writer is draining them.</summary>
internal sealed class ZoneQueue
{
    public Lock Lock { get; } = new();

    public List<PendingUpdate> Pending { get; set; } = [];

    public bool Draining { get; set; }
}
