using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// One pooled UDP socket toward one upstream: bound to port 0 (the kernel picks a random
/// ephemeral port; RFC 5452 §9.2) and connected, so the kernel drops datagrams from any other
/// address and reports ICMP port unreachable as ConnectionRefused. One receive loop on a
/// <see cref="SocketAsyncEventArgs"/> demultiplexes answers to the queries waiting on it by ID;
/// every socket error is a <see cref="SocketError"/> value, never an exception.
/// </summary>
internal sealed class UdpUpstreamSocket : IDisposable
{
    /// <summary>
    /// We announce 1232 (<see cref="UpstreamQuery.EdnsPayloadSize"/>); a larger datagram breaks
    /// RFC 6891 §6.2.5 and is handled as truncated (its answer is fetched over TCP).
    /// </summary>
    private const int ReceiveBufferSize = 4096;

    /// <summary>IDs of queries given up recently: their late answers are dropped without counting them as spoofed.</summary>
    private const int MaxLateIds = 1024;

    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _receive = new();
    private readonly ConcurrentDictionary<ushort, UdpPendingExchange> _pending = new();
    private readonly ConcurrentDictionary<ushort, byte> _late = new();
    private readonly Action _onSpoofed;
    private readonly Lock _lock = new();
    private bool _retired;
    private bool _closed;
    private int _uses;

    private UdpUpstreamSocket(Socket socket, Action onSpoofed, long createdAtMs)
    {
        _socket = socket;
        _onSpoofed = onSpoofed;
        CreatedAtMs = createdAtMs;
        _receive.SetBuffer(GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true), 0, ReceiveBufferSize);
        _receive.Completed += static (sender, e) => ((UdpUpstreamSocket)e.UserToken!).OnReceived(e);
        _receive.UserToken = this;
    }

    public long CreatedAtMs { get; }

    public int Uses => Volatile.Read(ref _uses);

    public bool IsRetired => Volatile.Read(ref _retired);

    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Opens, binds and connects a socket (setup errors here are rare and thrown: EMFILE, no route).</summary>
    public static UdpUpstreamSocket Open(IPEndPoint endpoint, Action onSpoofed, long nowMs)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            IPAddress any = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            socket.Bind(new IPEndPoint(any, 0));
            socket.Connect(endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var pooled = new UdpUpstreamSocket(socket, onSpoofed, nowMs);
        pooled.Receive();
        return pooled;
    }

    /// <summary>Adds a waiting query; false when its ID is taken on this socket or the socket is closing.</summary>
    public bool TryRegister(UdpPendingExchange pending)
    {
        lock (_lock)
        {
            if (_retired || !_pending.TryAdd(pending.Id, pending))
            {
                return false;
            }
        }

        Interlocked.Increment(ref _uses);
        return true;
    }

    /// <summary>Sends a registered query; a send error completes it as a failure.</summary>
    public void Send(UdpPendingExchange pending)
    {
        SocketError error;
        try
        {
            _socket.Send(pending.Query.Wire, SocketFlags.None, out error);
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
        }

        if (error != SocketError.Success)
        {
            Finish(pending, UpstreamExchange.Failed(error), late: false);
        }
    }

    /// <summary>The timer or the caller ended the wait: forget the query, remember its ID as late.</summary>
    public void Abandon(UdpPendingExchange pending, UpstreamExchange result) => Finish(pending, result, late: true);

    /// <summary>No new queries; the socket closes once the last waiting one is done (re-randomisation).</summary>
    public void Retire()
    {
        lock (_lock)
        {
            _retired = true;
        }

        CloseIfIdle();
    }

    private void Finish(UdpPendingExchange pending, UpstreamExchange result, bool late)
    {
        if (!_pending.TryRemove(new KeyValuePair<ushort, UdpPendingExchange>(pending.Id, pending)))
        {
            return;
        }

        if (late)
        {
            if (_late.Count >= MaxLateIds)
            {
                _late.Clear();
            }

            _late.TryAdd(pending.Id, 0);
        }

        pending.TryComplete(result);
        CloseIfIdle();
    }

    private void Receive()
    {
        try
        {
            while (!_socket.ReceiveAsync(_receive))
            {
                if (!Handle(_receive))
                {
                    return;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed between two receives: the loop ends here.
        }
    }

    private void OnReceived(SocketAsyncEventArgs e)
    {
        if (Handle(e))
        {
            Receive();
        }
    }

    /// <summary>Handles one completed receive; false ends the loop.</summary>
    private bool Handle(SocketAsyncEventArgs e)
    {
        ReadOnlySpan<byte> datagram = e.Buffer.AsSpan(0, e.BytesTransferred);
        switch (e.SocketError)
        {
            case SocketError.Success:
                Dispatch(datagram, truncated: false);
                return true;
            case SocketError.MessageSize:
                Dispatch(datagram, truncated: true);
                return true;
            case SocketError.ConnectionRefused:
                // ICMP port unreachable for a datagram sent to this (one) upstream: everyone here is refused.
                FailAll(UpstreamExchange.Failed(SocketError.ConnectionRefused));
                return !Volatile.Read(ref _closed);
            default:
                lock (_lock)
                {
                    _retired = true; // a dead loop: the pool replaces this socket
                }

                FailAll(Volatile.Read(ref _closed) ? UpstreamExchange.Cancelled : UpstreamExchange.Failed(e.SocketError));
                return false;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, bool truncated)
    {
        if (datagram.Length < DnsHeader.Size)
        {
            _onSpoofed();
            return;
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if (!_pending.TryGetValue(id, out UdpPendingExchange? pending))
        {
            if (!_late.TryRemove(id, out _))
            {
                _onSpoofed();
            }

            return;
        }

        // RFC 5452 §3 and RFC 7873 §5.3: a wrong question or cookie is discarded and the wait goes on.
        if (!pending.Query.Matches(datagram) || (!truncated && pending.Cookies is { } jar && !jar.Accept(datagram)))
        {
            _onSpoofed();
            return;
        }

        byte[] answer = datagram.ToArray();
        if (truncated)
        {
            // Too big for our buffer: mark it TC so the transport fetches it over TCP (RFC 7766 §5).
            answer[2] |= 0x02;
        }

        Finish(pending, UpstreamExchange.Answer(answer), late: false);
    }

    private void FailAll(UpstreamExchange result)
    {
        foreach (KeyValuePair<ushort, UdpPendingExchange> entry in _pending)
        {
            Finish(entry.Value, result, late: false);
        }
    }

    private void CloseIfIdle()
    {
        lock (_lock)
        {
            if (!_retired || _closed || !_pending.IsEmpty)
            {
                return;
            }

            _closed = true;
        }

        _socket.Dispose();
    }

    public void Dispose()
    {
        Retire();
        lock (_lock)
        {
            _closed = true;
        }

        _socket.Dispose();
        FailAll(UpstreamExchange.Cancelled);
        _receive.Dispose();
    }
}
