using System.Net;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Views;

/// <summary>
/// The views in match order; the last is a catch-all. <see cref="Select"/> picks the first view
/// whose listeners and networks match the message's client and listener, from the socket
/// address bytes (UDP) or the endpoint (TCP), without allocating.
/// </summary>
public sealed class ViewTable : IDisposable
{
    private readonly DnsView[] _views;

    public ViewTable(IReadOnlyList<DnsView> views)
    {
        if (views.Count == 0)
        {
            throw new ArgumentException("at least the catch-all view is needed", nameof(views));
        }

        _views = [.. views];
    }

    public IReadOnlyList<DnsView> Views => _views;

    /// <summary>The catch-all (last) view: every client no other view takes.</summary>
    public DnsView Default => _views[^1];

    public DnsView? Find(string name)
    {
        foreach (DnsView v in _views)
        {
            if (string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The view for the context's client (or its view address, see <see cref="QueryContext.ViewAddress"/>) and listener.</summary>
    public DnsView Select(QueryContext ctx)
    {
        if (_views.Length == 1)
        {
            return _views[0];
        }

        Span<byte> buffer = stackalloc byte[16];
        ReadOnlySpan<byte> address = ClientAddress(ctx, buffer);
        return Select(address, ctx.ListenerIndex);
    }

    /// <summary>The view for a client address (4 or 16 bytes; IPv4-mapped IPv6 is matched as IPv4) and listener.</summary>
    public DnsView Select(ReadOnlySpan<byte> address, int listenerIndex)
    {
        address = NetworkList.Unmap(address);
        foreach (DnsView view in _views)
        {
            if (view.Matches(address, listenerIndex))
            {
                return view;
            }
        }

        return _views[^1];
    }

    public DnsView Select(IPAddress address, int listenerIndex = -1)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) ? Select(bytes[..written], listenerIndex) : Default;
    }

    public void Dispose()
    {
        foreach (DnsView v in _views)
        {
            v.Dispose();
        }
    }

    private static ReadOnlySpan<byte> ClientAddress(QueryContext ctx, Span<byte> buffer)
    {
        if (ctx.ViewAddress.Length > 0)
        {
            return ctx.ViewAddress;
        }

        if (ctx.ClientSocketAddress is { } socketAddress)
        {
            return NetworkList.TryGetAddressBytes(socketAddress, out ReadOnlySpan<byte> bytes) ? bytes : default;
        }

        return ctx.HasClientEndPoint && ctx.ClientEndPoint.Address.TryWriteBytes(buffer, out int written) ? buffer[..written] : default;
    }
}
