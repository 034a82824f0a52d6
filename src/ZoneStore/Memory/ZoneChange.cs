using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// A zone instance was published (added or replaced) or removed. <see cref="Previous"/> is null
/// for a new zone; <see cref="Current"/> is null for a removal.
/// </summary>
public sealed record ZoneChange(ZoneKey Key, ZoneSnapshot? Previous, ZoneSnapshot? Current)
{
    public DnsName Origin => Key.Origin;
}
