using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// One receive loop over one socket (STYLE rule 13): receive, process, send, repeat, with
/// buffers, client address and query context allocated once. No task per packet. Socket errors
/// are sorted and survived; only cancellation or a closed socket ends the loop.
/// </summary>
internal sealed class UdpReceiveLoop
{
    // A DNS UDP message is at most 65535 bytes; the receive buffer takes any datagram whole.
    private const int BufferSize = 65535;

    private readonly Socket _socket;
    private readonly QueryProcessor _processor;
    private readonly ILogger _logger;
    private readonly byte[] _request = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private readonly byte[] _response = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private readonly SocketAddress _client;
    private readonly QueryContext _context = new() { Transport = DnsTransport.Udp };
    private readonly UdpResponseSink _sink;

    public UdpReceiveLoop(Socket socket, QueryProcessor processor, ILogger logger)
    {
        _socket = socket;
        _processor = processor;
        _logger = logger;
        _client = new SocketAddress(socket.AddressFamily);
        _sink = new UdpResponseSink(socket, _client);
        _context.SetClient(_client);
    }

    /// <summary>Set while a packet is being answered (graceful shutdown waits for it).</summary>
    public bool Busy { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(_request, SocketFlags.None, _client, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable from an earlier reply (ConnectionReset) and friends: keep going.
                Log.UdpReceiveError(_logger, ex.SocketErrorCode);
                continue;
            }

            Busy = true;
            try
            {
                await AnswerAsync(received).ConfigureAwait(false);
            }
            finally
            {
                Busy = false;
            }
        }
    }

    private async ValueTask AnswerAsync(int received)
    {
        _context.SetClient(_client);
        int length = await _processor.ProcessAsync(_context, _request.AsMemory(0, received), _response, _sink, CancellationToken.None)
            .ConfigureAwait(false);
        if (length == 0)
        {
            return;
        }

        try
        {
            await _socket.SendToAsync(_response.AsMemory(0, length), SocketFlags.None, _client, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            Log.UdpSendError(_logger, ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }
}
