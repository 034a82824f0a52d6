using System.Net;

namespace SplitDns.Server.Listeners;

/// <summary>
/// Numbers the DNS listener endpoints so views can match the listener a message arrived on with
/// one bit test: SplitDns:Listen:Dns in order (0..n-1), then SplitDns:Listen:Dot (n..).
/// </summary>
public static class ListenerIndex
{
    /// <summary>The index of the configured endpoint equal to <paramref name="endpoint"/>, or -1.</summary>
    public static int Exact(IReadOnlyList<IPEndPoint> configured, IPEndPoint endpoint)
    {
        for (int i = 0; i < configured.Count; i++)
        {
            if (configured[i].Equals(endpoint))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The listener a TCP connection was accepted on, from its local endpoint: the configured
    /// endpoint with that address and port, else the wildcard one (0.0.0.0 or [::]) of that port
    /// and family (a wildcard listener's connections carry the real destination address); -1 if none.
    /// </summary>
    public static int Of(IReadOnlyList<IPEndPoint> configured, EndPoint? local)
    {
        if (local is not IPEndPoint ep)
        {
            return -1;
        }

        int exact = Exact(configured, ep);
        if (exact >= 0)
        {
            return exact;
        }

        IPAddress any = ep.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        return Exact(configured, new IPEndPoint(any, ep.Port));
    }

    /// <summary>The index of a configured endpoint (plain DNS first, then DoT), or -1: what a view's Listen entry matches.</summary>
    public static int Configured(IReadOnlyList<IPEndPoint> dns, IReadOnlyList<IPEndPoint> dot, IPEndPoint endpoint)
    {
        int index = Exact(dns, endpoint);
        if (index >= 0)
        {
            return index;
        }

        index = Exact(dot, endpoint);
        return index < 0 ? -1 : dns.Count + index;
    }

    /// <summary>The listener a DoT connection was accepted on (as <see cref="Of"/>, numbered after the plain DNS ones); -1 if none.</summary>
    public static int OfDot(IReadOnlyList<IPEndPoint> dns, IReadOnlyList<IPEndPoint> dot, EndPoint? local)
    {
        int index = Of(dot, local);
        return index < 0 ? -1 : dns.Count + index;
    }
}
