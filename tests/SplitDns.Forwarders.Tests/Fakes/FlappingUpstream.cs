using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>How a <see cref="FlappingUpstream"/> behaves right now.</summary>
public enum FlapMode
{
    /// <summary>Answers every query with A 192.0.2.1.</summary>
    Up,

    /// <summary>Receives and never answers.</summary>
    Silent,

    /// <summary>No socket on the port: the kernel answers ICMP port unreachable.</summary>
    Refused,
}

/// <summary>
/// A UDP-only upstream on a fixed loopback address and port that can be switched between
/// answering, silent and refused (its socket closed, then bound again on the same port).
/// </summary>
public sealed class FlappingUpstream : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Socket? _socket;
    private volatile bool _answering = true;
    private int _answered;

    private FlappingUpstream(IPEndPoint endpoint)
    {
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; private set; }

    public int Answered => Volatile.Read(ref _answered);

    public Forwarders.Upstreams.UpstreamEndpoint Udp =>
        new() { Transport = Forwarders.Upstreams.UpstreamTransportKind.Udp, Address = Endpoint.Address, Port = Endpoint.Port };

    public static FlappingUpstream Start()
    {
        var flapper = new FlappingUpstream(new IPEndPoint(FakeUpstream.NextAddress(), 0));
        flapper.Open();
        return flapper;
    }

    public void Set(FlapMode mode)
    {
        lock (_lock)
        {
            _answering = mode == FlapMode.Up;
            if (mode == FlapMode.Refused)
            {
                _socket?.Dispose();
                _socket = null;
            }
            else if (_socket is null)
            {
                Open();
            }
        }
    }

    private void Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(Endpoint);
        Endpoint = (IPEndPoint)socket.LocalEndPoint!;
        _socket = socket;
        _ = ServeAsync(socket);
    }

    private async Task ServeAsync(Socket socket)
    {
        byte[] buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (!_answering)
            {
                continue;
            }

            DnsMessage query = DnsMessage.Parse(buffer.AsSpan(0, r.ReceivedBytes));
            try
            {
                await socket.SendToAsync(Answers.A(query, "192.0.2.1").ToArray(), SocketFlags.None, r.RemoteEndPoint);
                Interlocked.Increment(ref _answered);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Set(FlapMode.Refused);
        return ValueTask.CompletedTask;
    }
}
