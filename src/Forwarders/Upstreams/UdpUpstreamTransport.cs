using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// DNS over UDP. Every query gets its own socket bound to port 0, so the kernel picks a random
/// ephemeral source port (RFC 5452 §9.2; Linux randomizes UDP port selection), and the socket is
/// connected so datagrams from any other address are dropped by the kernel. Answers that do not
/// match ID, name and type are discarded and the wait goes on. A truncated answer is retried
/// over TCP (RFC 7766 §5) with a new ID.
/// </summary>
public sealed class UdpUpstreamTransport : IUpstreamTransport
{
    private const int MaxDatagram = 65535;

    private readonly IPEndPoint _endpoint;
    private readonly IUpstreamTransport _tcp;
    private readonly Action _onSpoofed;

    public UdpUpstreamTransport(IPEndPoint endpoint, IUpstreamTransport tcpFallback, Action onSpoofed)
    {
        _endpoint = endpoint;
        _tcp = tcpFallback;
        _onSpoofed = onSpoofed;
    }

    public async ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            using var socket = new Socket(_endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            IPAddress any = _endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            socket.Bind(new IPEndPoint(any, 0));
            await socket.ConnectAsync(_endpoint, ct).ConfigureAwait(false);
            await socket.SendAsync(query.Wire, SocketFlags.None, ct).ConfigureAwait(false);
            while (true)
            {
                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
                ReadOnlySpan<byte> response = buffer.AsSpan(0, received);
                if (!query.Matches(response))
                {
                    _onSpoofed();
                    continue;
                }

                if (DnsHeader.TryRead(response, out DnsHeader header) && header.Truncated)
                {
                    return await _tcp.ExchangeAsync(query.WithNewId(), ct).ConfigureAwait(false);
                }

                return response.ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync() => _tcp.DisposeAsync();
}
