using System.Collections.Concurrent;
using System.Net;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// Open TCP connections per client address (SplitDns:Limits:TcpConnectionsPerClient, like BIND's
/// per-client TCP quota), so one address cannot take every slot of the total cap. IPv4-mapped
/// IPv6 addresses count as their IPv4 address. Entries go away when their last connection closes.
/// </summary>
internal sealed class TcpClientQuota
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();
    private readonly int _limit;

    public TcpClientQuota(int limit) => _limit = limit;

    public int Limit => _limit;

    /// <summary>Takes one connection of <paramref name="address"/>'s quota; false (nothing taken) when it is used up.</summary>
    public bool TryEnter(IPAddress address)
    {
        address = Normalize(address);
        while (true)
        {
            if (_open.TryGetValue(address, out int count))
            {
                if (count >= _limit)
                {
                    return false;
                }

                if (_open.TryUpdate(address, count + 1, count))
                {
                    return true;
                }
            }
            else if (_open.TryAdd(address, 1))
            {
                return true;
            }
        }
    }

    /// <summary>Gives back one connection taken by <see cref="TryEnter"/>.</summary>
    public void Exit(IPAddress address)
    {
        address = Normalize(address);
        while (_open.TryGetValue(address, out int count))
        {
            if (count <= 1)
            {
                if (_open.TryRemove(new KeyValuePair<IPAddress, int>(address, count)))
                {
                    return;
                }
            }
            else if (_open.TryUpdate(address, count - 1, count))
            {
                return;
            }
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
