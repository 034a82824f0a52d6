using System.IO.Pipelines;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// The write side of one DNS TCP connection: answers take turns on the pipe (PipeWriter is not
/// thread-safe), are length-prefixed (RFC 1035 §4.2.2), and are flushed at the end of a burst,
/// every <see cref="FlushThreshold"/> bytes, or at once when sent on their own. It records when
/// writing last made progress, so the idle timer can tell a client that stopped reading.
/// </summary>
internal sealed class TcpAnswerWriter
{
    /// <summary>Unflushed bytes after which synchronous answers are flushed even mid-burst.</summary>
    public const int FlushThreshold = 16 * 1024;

    private readonly PipeWriter _output;
    private readonly CancellationToken _ct;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _unflushed;
    private long _lastProgress = Environment.TickCount64;
    private int _flushing;

    public TcpAnswerWriter(PipeWriter output, CancellationToken ct)
    {
        _output = output;
        _ct = ct;
    }

    /// <summary>Environment.TickCount64 when a write last completed.</summary>
    public long LastProgress => Volatile.Read(ref _lastProgress);

    /// <summary>True while a flush waits for the client to take the bytes.</summary>
    public bool FlushInProgress => Volatile.Read(ref _flushing) != 0;

    public bool HasUnflushed => Volatile.Read(ref _unflushed) > 0;

    public bool ShouldFlush => Volatile.Read(ref _unflushed) >= FlushThreshold;

    public Task AcquireTurnAsync() => _turn.WaitAsync(_ct);

    public void ReleaseTurn() => _turn.Release();

    /// <summary>Appends one length-prefixed message; the caller holds the turn.</summary>
    public void WriteFrame(ReadOnlySpan<byte> message)
    {
        TcpResponseSink.Write(_output, message);
        Volatile.Write(ref _unflushed, _unflushed + message.Length + 2);
        Volatile.Write(ref _lastProgress, Environment.TickCount64);
    }

    /// <summary>Flushes the pipe; the caller holds the turn. Waits while the client does not read (backpressure).</summary>
    public async ValueTask FlushAsync()
    {
        Volatile.Write(ref _unflushed, 0);
        Volatile.Write(ref _flushing, 1);
        try
        {
            await _output.FlushAsync(_ct).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
            Volatile.Write(ref _lastProgress, Environment.TickCount64);
        }
    }

    /// <summary>Flushes answers written without a flush (the end of a pipelined burst).</summary>
    public async ValueTask FlushPendingAsync()
    {
        if (!HasUnflushed)
        {
            return;
        }

        await AcquireTurnAsync().ConfigureAwait(false);
        try
        {
            if (HasUnflushed)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            ReleaseTurn();
        }
    }
}
