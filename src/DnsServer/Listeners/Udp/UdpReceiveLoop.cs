using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Processing;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// One receive loop over one socket on a dedicated thread (STYLE rule 13): receive, process,
/// send, with no task and no allocation per packet and no epoll or thread-pool hop. On Linux
/// it moves up to <c>Udp:BatchSize</c> datagrams per system call each way (recvmmsg, then
/// one sendmmsg for the answers of that batch: UdpReceiveLoop.Batch.cs); elsewhere, or with a
/// batch of 1, one blocking receive and one send per query. A query the chain cannot answer
/// synchronously (a forwarder, a handler) keeps its slot and completes on its own; the loop
/// takes a fresh slot from a small pool and goes on receiving, so slow upstreams never stall it.
/// </summary>
internal sealed partial class UdpReceiveLoop
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
    private readonly int _batchSize;
    private int _pending;
    private volatile bool _stopping;

    /// <param name="listenerIndex">The endpoint's index in SplitDns:Listen:Dns (views may match on it).</param>
    /// <param name="budget">The endpoint's bound on queries waiting for an answer (shared by its loops).</param>
    /// <param name="batchSize">Datagrams per receive call (Linux); 1 = one blocking receive per query.</param>
    public UdpReceiveLoop(Socket socket, int listenerIndex, QueryProcessor processor, ILogger logger, UdpInFlightBudget budget, int batchSize)
    {
        _budget = budget;
        _batchSize = OperatingSystem.IsLinux() ? batchSize : 1;
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
        var thread = new Thread(_batchSize > 1 ? RunBatched : Run) { IsBackground = true, Name = "dns-udp " + _socket.LocalEndPoint };
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

                int length = Answer(slot, received);
                if (length < 0)
                {
                    // The slot now belongs to the pending query; receive into another one.
                    slot = TakeSpare();
                }
                else
                {
                    Send(slot, length);
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

    private UdpSlot TakeSpare() => _spare.TryTake(out UdpSlot? spare) ? spare : new UdpSlot(_socket, _listenerIndex);

    /// <summary>
    /// Answers synchronously when possible: the response's length in the slot after rate
    /// limiting (0: send nothing); -1 when the query continues asynchronously (it sends its own
    /// answer and returns the slot to the pool).
    /// </summary>
    private int Answer(UdpSlot slot, int received)
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
            return -1;
        }

        int length = _processor.ApplyRateLimit(slot.Context, slot.Response, pending.Result);
        Interlocked.Decrement(ref _pending);
        return length;
    }

    private async Task CompleteAsync(ValueTask<int> pending, UdpSlot slot)
    {
        try
        {
            int length = await pending.ConfigureAwait(false);
            Send(slot, _processor.ApplyRateLimit(slot.Context, slot.Response, length));
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

    /// <summary>Sends one rate-limited answer (0 bytes: nothing to send).</summary>
    private void Send(UdpSlot slot, int length)
    {
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
