using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// One DNS TCP connection (RFC 7766). Frames are read with the canonical PipeReader loop; a query
/// answered synchronously (authoritative) is written at once, in order, allocating nothing; a
/// query that has to wait (forwarded, UPDATE) runs on while later frames are read, up to
/// SplitDns:Limits:TcpQueriesPerConnection at once, and its answer is sent when ready (RFC 7766 §6.2.1.1: out
/// of order is allowed, the ID matches them). Writes take turns on the pipe; a handler that sends
/// several messages (AXFR/IXFR) keeps the turn until it is done, so a transfer stays contiguous.
/// Backpressure: with every slot busy, or the client not reading, no further frames are read.
/// </summary>
internal sealed partial class TcpSession
{
    /// <summary>Queries of one connection being resolved or written at once.</summary>
    private readonly int _maxInFlight;

    private readonly PipeReader _input;
    private readonly QueryProcessor _processor;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IPEndPoint? _remote;
    private readonly CancellationToken _stopping;
    private readonly long _idleMs;
    private readonly CancellationTokenSource _cts;
    private readonly SemaphoreSlim _slotsFree;
    private readonly Stack<TcpQuerySlot> _idleSlots;
    private readonly List<TcpQuerySlot> _allSlots = new(1);
    private readonly TcpBufferBudget _budget = new();
    private readonly Timer _idleTimer;
    private readonly Socket? _socket;
    private long _lastActivity;
    private long _lastAcked;
    private int _resolving;

    /// <param name="client">The client the connection speaks for: its peer, or a PROXY v2 header's source.</param>
    public TcpSession(ConnectionContext connection, IPEndPoint? client, QueryProcessor processor, DnsServerMetrics metrics,
        TimeSpan idleTimeout, CancellationToken stopping, ILogger logger, Hosting.LimitsSettings limits)
    {
        _maxInFlight = limits.TcpQueriesPerConnection;
        _slotsFree = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        _idleSlots = new Stack<TcpQuerySlot>(_maxInFlight);
        _messageMs = Math.Max(1, (long)limits.TcpMessageTimeout.TotalMilliseconds);
        _input = connection.Transport.Input;
        _processor = processor;
        _metrics = metrics;
        _logger = logger;
        _remote = client;
        _socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        _lastAcked = TcpSendProgress.BytesAcked(_socket);
        _stopping = stopping;
        _idleMs = Math.Max(1, (long)idleTimeout.TotalMilliseconds);
        _cts = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        Writer = new TcpAnswerWriter(connection.Transport.Output, _cts.Token);
        _idleTimer = new Timer(static s => ((TcpSession)s!).OnIdleTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The index of the listener endpoint the connection was accepted on (views match on it); -1 if unknown.</summary>
    public int ListenerIndex { get; init; } = -1;

    /// <summary>TCP 53, or DoT (the same framing inside TLS, RFC 7858 §3.3): set on every query and metric.</summary>
    public DnsTransport Transport { get; init; } = DnsTransport.Tcp;

    /// <summary>Where answers are written; handler sinks share it.</summary>
    public TcpAnswerWriter Writer { get; }

    /// <summary>
    /// Serves the connection until the client closes it, sends a bad frame, stays idle past the
    /// timeout (throws <see cref="OperationCanceledException"/>) or the server stops. Answers still
    /// in flight are sent before it returns normally.
    /// </summary>
    public async Task RunAsync()
    {
        Touch();
        _idleTimer.Change(Math.Min(_idleMs, _messageMs), Timeout.Infinite);
        bool clean = false;
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
            clean = true;
        }
        finally
        {
            if (!clean)
            {
                // The connection is unusable: in-flight answers are abandoned, not awaited.
                Cancel();
            }

            // In-flight answers are still sent; the idle timer keeps watching a client that stopped reading.
            for (int i = 0; i < _maxInFlight; i++)
            {
                await _slotsFree.WaitAsync().ConfigureAwait(false);
            }

            await _idleTimer.DisposeAsync().ConfigureAwait(false);

            foreach (TcpQuerySlot slot in _allSlots)
            {
                slot.Dispose();
            }

            _budget.Dispose();
            _cts.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            ReadResult result = await _input.ReadAsync(_cts.Token).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool bad = false;
            try
            {
                while (TcpFraming.TryReadFrame(ref buffer, out ReadOnlySequence<byte> frame, out bad))
                {
                    EndMessage();
                    Touch();
                    await DispatchAsync(frame).ConfigureAwait(false);
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                }

                TrackPartialMessage(buffer.Length);
                await Writer.FlushPendingAsync().ConfigureAwait(false);
                if (bad)
                {
                    _metrics.RecordDropped(Transport, DropReason.BadFrame);
                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Starts one query: answered now (written in order), or later by <see cref="AnswerLaterAsync"/>.</summary>
    private async ValueTask DispatchAsync(ReadOnlySequence<byte> frame)
    {
        if (!_slotsFree.Wait(0))
        {
            _metrics.RecordLimited(LimitKind.TcpQueriesPerConnection);
            // Every slot is busy: send what is written, then read no more until one frees.
            await Writer.FlushPendingAsync().ConfigureAwait(false);
            await _slotsFree.WaitAsync(_cts.Token).ConfigureAwait(false);
        }

        TcpQuerySlot slot = RentSlot();
        bool handedOff = false;
        try
        {
            int length = (int)frame.Length;
            await slot.PrepareRequestAsync(length, _cts.Token).ConfigureAwait(false);
            frame.CopyTo(slot.Request);
            Interlocked.Increment(ref _resolving);
            ValueTask<int> pending = _processor.ProcessAsync(slot.Context, slot.Request.AsMemory(0, length), slot.Response,
                slot.Sink, _cts.Token);
            if (!pending.IsCompleted)
            {
                handedOff = true;
                _ = AnswerLaterAsync(slot, pending);
                return;
            }

            int written;
            try
            {
                written = pending.GetAwaiter().GetResult();
            }
            finally
            {
                Interlocked.Decrement(ref _resolving);
            }

            await WriteAnswerAsync(slot, written, flush: false).ConfigureAwait(false);
        }
        finally
        {
            if (!handedOff)
            {
                ReturnSlot(slot);
            }
        }
    }

    private async Task AnswerLaterAsync(TcpQuerySlot slot, ValueTask<int> pending)
    {
        try
        {
            int written;
            try
            {
                written = await pending.ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _resolving);
            }

            await WriteAnswerAsync(slot, written, flush: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException
                                       or ConnectionAbortedException or ObjectDisposedException)
        {
            // The connection is closing or gone; the read loop ends on its own.
            Log.AnswerAbandoned(_logger, _remote, ex.Message);
            Cancel();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug: nothing is known about what was written, so the connection cannot go on.
            Log.AnswerFailed(_logger, _remote, ex);
            Cancel();
        }
        finally
        {
            ReturnSlot(slot);
        }
    }

    /// <summary>Writes a processed query's answer (if any) in its write turn, and ends that turn.</summary>
    private async ValueTask WriteAnswerAsync(TcpQuerySlot slot, int written, bool flush)
    {
        bool streamed = slot.Sink.HoldsWriteTurn;
        if (!streamed)
        {
            await Writer.AcquireTurnAsync().ConfigureAwait(false);
        }

        try
        {
            if (written > 0)
            {
                Writer.WriteFrame(slot.Response.AsSpan(0, written));
            }

            if (flush || streamed || Writer.ShouldFlush)
            {
                await Writer.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (streamed)
            {
                slot.Sink.ReleaseWriteTurn();
            }
            else
            {
                Writer.ReleaseTurn();
            }
        }
    }

    private TcpQuerySlot RentSlot()
    {
        lock (_idleSlots)
        {
            if (_idleSlots.TryPop(out TcpQuerySlot? slot))
            {
                return slot;
            }

            slot = new TcpQuerySlot(this, _remote, _budget);
            slot.Context.ListenerIndex = ListenerIndex;
            slot.Context.Transport = Transport;
            _allSlots.Add(slot);
            return slot;
        }
    }

    private void ReturnSlot(TcpQuerySlot slot)
    {
        // A handler that failed mid-stream still holds the turn: give it back.
        slot.Sink.ReleaseWriteTurn();
        slot.Release();
        lock (_idleSlots)
        {
            _idleSlots.Push(slot);
        }

        Touch();
        _slotsFree.Release();
    }

    private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    /// <summary>
    /// RFC 7766 §6.2.3: close a connection idle for the timeout. Reading a frame and completing a
    /// write are activity, and so are bytes the client acknowledged since the last tick (a slow
    /// reader of a long AXFR whose flushes each wait longer than the timeout), and a query still
    /// being resolved (upstream, store) unless its answer is stuck behind a client that stopped reading.
    /// </summary>
    private void OnIdleTimer()
    {
        long acked = TcpSendProgress.BytesAcked(_socket);
        if (acked > _lastAcked)
        {
            _lastAcked = acked;
            Touch();
        }

        long last = Math.Max(Volatile.Read(ref _lastActivity), Writer.LastProgress);
        long idle = Environment.TickCount64 - last;
        bool waiting = Volatile.Read(ref _resolving) > 0 && !Writer.FlushInProgress;
        if (idle >= _idleMs && !waiting)
        {
            _metrics.RecordLimited(LimitKind.TcpIdleTimeout);
            Cancel();
            return;
        }

        if (MessageTimedOut(out long messageDueMs))
        {
            return;
        }

        try
        {
            _idleTimer.Change(Math.Min(idle >= _idleMs ? _idleMs : _idleMs - idle, messageDueMs), Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
            // The session ended meanwhile.
        }
    }

    private void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }
}
