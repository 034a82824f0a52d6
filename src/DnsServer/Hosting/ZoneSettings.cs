using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Hosting;

/// <summary>
/// One configured zone: its origin, the absolute path of its master file, and the view that owns
/// it ("" for a shared zone, from SplitDns:Zones; a view's name for one from SplitDns:Views:N:Zones).
/// </summary>
public sealed record ZoneSettings(DnsName Origin, string File, string ConfigKey, string View = ZoneKey.SharedView)
{
    public ZoneKey Key => new(View, Origin);
}
