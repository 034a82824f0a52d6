using SplitDns.Forwarders;
using SplitDns.Server.Hosting;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Views;

/// <summary>
/// A view (DESIGN "The query path" step 3): the clients it is for (networks, listeners), the
/// zones it sees (split horizon), where it forwards (and so its cache partition), whether its
/// clients may recurse, and its own resolver chain built from step instances. Chosen once per
/// message by <see cref="ViewTable"/>.
/// </summary>
public sealed class DnsView : IDisposable
{
    private readonly NetworkList _networks;
    private readonly ulong _listeners;

    public DnsView(ViewSettings settings, int index, ZoneSet zones, ForwarderSet forwarders, ulong listenerMask)
    {
        Settings = settings;
        Index = index;
        Zones = zones;
        Router = new NameRouter(zones, forwarders);
        _networks = settings.Networks;
        _listeners = listenerMask;
    }

    public string Name => Settings.Name;

    /// <summary>Position in match order.</summary>
    public int Index { get; }

    public ViewSettings Settings { get; }

    public ZoneSet Zones { get; }

    /// <summary>Where this view forwards now (replaced at run time through <see cref="NameRouter.ReplaceForwarders"/>).</summary>
    public ForwarderSet Forwarders => Router.Forwarders;

    public NameRouter Router { get; }

    /// <summary>The view allows forwarding and has something to forward to (still within the recursion ACL).</summary>
    public bool ForwardingEnabled => Settings.Recursion && !Router.Forwarders.IsEmpty;

    /// <summary>This view's blocking; null when it blocks nothing (or cannot forward, so there is nothing to block).</summary>
    public Blocking.ViewBlocking? Blocking { get; init; }

    /// <summary>This view's chain (set once by <see cref="ViewFactory"/>).</summary>
    public QueryChain Chain { get; internal set; } = null!;

    /// <summary>
    /// True when a message from <paramref name="address"/> (4 or 16 bytes) that arrived on listener
    /// <paramref name="listenerIndex"/> is for this view: its listeners (if any) and its networks (if any) both match.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> address, int listenerIndex)
    {
        if (_listeners != 0 && (listenerIndex is < 0 or >= 64 || (_listeners & (1UL << listenerIndex)) == 0))
        {
            return false;
        }

        return _networks.Count == 0 || (address.Length > 0 && _networks.Contains(address));
    }

    public void Dispose() => Zones.Dispose();
}
