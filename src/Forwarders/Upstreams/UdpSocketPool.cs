using System.Net;
using System.Net.Sockets;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// A bounded set of pre-bound UDP sockets toward one upstream. Each query picks a slot at random
/// (so consecutive queries leave from different random ports), opening the slot's socket on
/// first use; a socket that served <see cref="UdpSocketPoolOptions.MaxQueriesPerSocket"/> queries
/// or grew older than <see cref="UdpSocketPoolOptions.MaxSocketAge"/> is retired and its slot gets
/// a socket on a new random port, so source ports keep changing (RFC 5452 §9.2) while a miss no
/// longer pays for a socket, a bind and a connect.
/// </summary>
internal sealed class UdpSocketPool : IDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly UdpSocketPoolOptions _options;
    private readonly Action _onSpoofed;
    private readonly UdpUpstreamSocket?[] _slots;
    private readonly Lock _lock = new();
    private bool _disposed;

    public UdpSocketPool(IPEndPoint endpoint, UdpSocketPoolOptions options, Action onSpoofed)
    {
        _endpoint = endpoint;
        _options = options;
        _onSpoofed = onSpoofed;
        _slots = new UdpUpstreamSocket?[Math.Max(1, options.Size)];
    }

    /// <summary>A socket for the next query, or null with the reason when none can be opened (e.g. out of descriptors).</summary>
    public UdpUpstreamSocket? Rent(out UpstreamExchange failure)
    {
        failure = default;
        int slot = Random.Shared.Next(_slots.Length);
        UdpUpstreamSocket? socket = Volatile.Read(ref _slots[slot]);
        long now = Environment.TickCount64;
        if (socket is not null && !IsWornOut(socket, now))
        {
            return socket;
        }

        lock (_lock)
        {
            socket = _slots[slot];
            if (socket is not null && !IsWornOut(socket, now))
            {
                return socket;
            }

            if (_disposed)
            {
                failure = UpstreamExchange.Cancelled;
                return null;
            }

            try
            {
                UdpUpstreamSocket fresh = UdpUpstreamSocket.Open(_endpoint, _onSpoofed, now);
                Volatile.Write(ref _slots[slot], fresh);
                socket?.Retire();
                return fresh;
            }
            catch (SocketException e)
            {
                // Setup, not the per-query path: out of descriptors or ports, no route.
                failure = UpstreamExchange.Failed(nameof(SocketException), e.Message);
                return null;
            }
        }
    }

    private bool IsWornOut(UdpUpstreamSocket socket, long nowMs) =>
        socket.IsRetired || socket.Uses >= _options.MaxQueriesPerSocket || nowMs - socket.CreatedAtMs >= _options.MaxSocketAge.TotalMilliseconds;

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i]?.Dispose();
                _slots[i] = null;
            }
        }
    }
}
