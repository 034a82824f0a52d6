namespace SplitDns.ZoneStore.Memory;

/// <summary>A zone as a view sees it: the instance it comes from and its current snapshot.</summary>
public sealed record ZoneSetEntry(ZoneKey Key, ZoneSnapshot Snapshot);
