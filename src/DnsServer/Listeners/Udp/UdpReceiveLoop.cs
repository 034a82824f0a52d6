using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Processing;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// One receive loop over one socket on a dedicated thread (STYLE rule 13): a blocking
/// receive, process, send, with no task and no allocation per packet (two system calls per
/// query, no epoll or thread-pool hop). A query the chain cannot answer synchronously (a
/// forwarder, a handler) keeps its slot and completes on its own; the loop takes a fresh slot
/// from a small pool and goes on receiving, so slow upstreams never stall the loop.
/// </summary>
internal sealed class UdpReceiveLoop
{
    // The blocking receive wakes this often to notice shutdown.
    private const int ReceivePollMs = 250;

    private readonly Socket _socket;
    private readonly int _listenerIndex;
    private readonly QueryProcessor _processor;
    private readonly ILogger _logger;
    private readonly UdpInFlightBudget _budget;
    private readonly ConcurrentBag<UdpSlot> _spare = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private volatile bool _stopping;

    /// <param name="listenerIndex">The endpoint's index in SplitDns:Listen:Dns (views may match on it).</param>
    /// <param name="budget">The endpoint's bound on queries waiting for an answer (shared by its loops).</param>
    public UdpReceiveLoop(Socket socket, int listenerIndex, QueryProcessor processor, ILogger logger, UdpInFlightBudget budget)
    {
        _budget = budget;
        _socket = socket;
        _listenerIndex = listenerIndex;
        _processor = processor;
        _logger = logger;
        _socket.ReceiveTimeout = ReceivePollMs;
    }

    /// <summary>Queries received but not yet answered (graceful shutdown waits for them).</summary>
    public int InFlight => Volatile.Read(ref _pending);

    public Task Exited => _exited.Task;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "dns-udp " + _socket.LocalEndPoint };
        thread.Start();
    }

    public void Stop() => _stopping = true;

    private void Run()
    {
        UdpSlot slot = new(_socket, _listenerIndex);
        try
        {
            while (!_stopping)
            {
                int received;
                try
                {
                    received = _socket.ReceiveFrom(slot.Request, SocketFlags.None, slot.Client);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    continue;
                }
                catch (SocketException ex)
                {
                    // ICMP port unreachable from an earlier reply (ConnectionReset) and friends: keep going.
                    Log.UdpReceiveError(_logger, ex.SocketErrorCode);
                    continue;
                }

                if (!Answer(slot, received))
                {
                    // The slot now belongs to the pending query; receive into another one.
                    slot = _spare.TryTake(out UdpSlot? spare) ? spare : new UdpSlot(_socket, _listenerIndex);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Socket closed under us: shutting down.
        }
        finally
        {
            _exited.TrySetResult();
        }
    }

    /// <summary>Answers synchronously when possible; false when the query continues asynchronously.</summary>
    private bool Answer(UdpSlot slot, int received)
    {
        slot.Context.SetClient(slot.Client);
        // At the bound a query that would have to wait is dropped by the processor (counted there).
        slot.Context.AnswerNowOnly = _budget.IsFull;
        Interlocked.Increment(ref _pending);
        ValueTask<int> pending = _processor.ProcessAsync(slot.Context, slot.Request.AsMemory(0, received), slot.Response, slot.Sink, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            _budget.Enter();
            _ = CompleteAsync(pending, slot);
            return false;
        }

        Send(slot, pending.Result);
        Interlocked.Decrement(ref _pending);
        return true;
    }

    private async Task CompleteAsync(ValueTask<int> pending, UdpSlot slot)
    {
        try
        {
            Send(slot, await pending.ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.UdpSendError(_logger, SocketError.SocketError);
        }
        finally
        {
            _budget.Exit();
            Interlocked.Decrement(ref _pending);
            _spare.Add(slot);
        }
    }

    private void Send(UdpSlot slot, int length)
    {
        length = _processor.ApplyRateLimit(slot.Context, slot.Response, length);
        if (length == 0)
        {
            return;
        }

        try
        {
            _socket.SendTo(slot.Response.AsSpan(0, length), SocketFlags.None, slot.Client);
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
