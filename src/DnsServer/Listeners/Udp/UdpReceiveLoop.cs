using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Processing;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// One receive loop over one socket (STYLE rule 13): receive, process, send, repeat, with
/// buffers, client address and query context allocated once. No task per packet: answers that
/// complete synchronously (authoritative, cache hits) are sent inline. An answer that has to wait
/// (a forwarded cache miss) keeps its slot and finishes on its own while the loop continues with
/// a spare slot, so one slow upstream never stalls the socket; at most
/// <see cref="MaxPending"/> such answers per loop, beyond which the loop waits (backpressure).
/// Socket errors are sorted and survived; only cancellation or a closed socket ends the loop.
/// </summary>
internal sealed class UdpReceiveLoop
{
    private const int MaxPending = 256;

    private readonly Socket _socket;
    private readonly QueryProcessor _processor;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<UdpSlot> _spare = [];
    private UdpSlot _slot;
    private int _pending;
    private bool _busy;

    public UdpReceiveLoop(Socket socket, QueryProcessor processor, ILogger logger)
    {
        _socket = socket;
        _processor = processor;
        _logger = logger;
        _slot = new UdpSlot(socket, pinned: true);
    }

    /// <summary>Set while a packet is being answered (graceful shutdown waits for it).</summary>
    public bool Busy => _busy || Volatile.Read(ref _pending) > 0;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            UdpSlot slot = _slot;
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(slot.Request, SocketFlags.None, slot.Client, stopping).ConfigureAwait(false);
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

            _busy = true;
            try
            {
                await AnswerAsync(slot, received).ConfigureAwait(false);
            }
            finally
            {
                _busy = false;
            }
        }
    }

    private async ValueTask AnswerAsync(UdpSlot slot, int received)
    {
        slot.Context.SetClient(slot.Client);
        ValueTask<int> answer = _processor.ProcessAsync(slot.Context, slot.Request.AsMemory(0, received), slot.Response, slot.Sink,
            CancellationToken.None);
        if (answer.IsCompleted || Volatile.Read(ref _pending) >= MaxPending)
        {
            await SendAsync(slot, await answer.ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _pending);
        _slot = _spare.TryTake(out UdpSlot? spare) ? spare : new UdpSlot(_socket, pinned: false);
        _ = CompleteLaterAsync(slot, answer);
    }

    private async Task CompleteLaterAsync(UdpSlot slot, ValueTask<int> answer)
    {
        try
        {
            await SendAsync(slot, await answer.ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            _spare.Add(slot);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async ValueTask SendAsync(UdpSlot slot, int length)
    {
        if (length == 0)
        {
            return;
        }

        try
        {
            await _socket.SendToAsync(slot.Response.AsMemory(0, length), SocketFlags.None, slot.Client, CancellationToken.None).ConfigureAwait(false);
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
