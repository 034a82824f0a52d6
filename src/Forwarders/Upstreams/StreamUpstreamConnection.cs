using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// One TCP or TLS connection to an upstream, shared by concurrent queries: each query is written
/// as a 2-byte length-prefixed frame (RFC 1035 §4.2.2) and answers are matched by ID as they
/// come, in any order (pipelining and out-of-order processing, RFC 7766 §6.2.1). When the
/// connection dies every waiting query fails at once and the next query opens a new one.
/// </summary>
internal sealed class StreamUpstreamConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ushort, Pending> _pending = new();
    private readonly Action _onSpoofed;
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _readLoop;
    private int _disposed;

    public StreamUpstreamConnection(Stream stream, Action onSpoofed)
    {
        _stream = stream;
        _onSpoofed = onSpoofed;
        LastUsed = Environment.TickCount64;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public bool IsAlive => !_closed.IsCancellationRequested;

    /// <summary>True once at least one answer has been read (a reused connection).</summary>
    public bool HasAnswered { get; private set; }

    public long LastUsed { get; private set; }

    public async ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct)
    {
        // IDs must be unique among queries in flight on one connection (RFC 7766 §7).
        var pending = new Pending(query);
        while (!_pending.TryAdd(query.Id, pending))
        {
            query = query.WithNewId();
            pending = new Pending(query);
        }

        LastUsed = Environment.TickCount64;
        try
        {
            byte[] frame = new byte[query.Wire.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)query.Wire.Length);
            query.Wire.CopyTo(frame, 2);
            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(frame, ct).ConfigureAwait(false);
                await _stream.FlushAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            return await pending.Completion.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Close();
            throw new IOException("upstream connection failed", e);
        }
        finally
        {
            _pending.TryRemove(query.Id, out _);
        }
    }

    private async Task ReadLoopAsync()
    {
        byte[] prefix = new byte[2];
        try
        {
            while (!_closed.IsCancellationRequested)
            {
                await _stream.ReadExactlyAsync(prefix, _closed.Token).ConfigureAwait(false);
                int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                byte[] message = new byte[length];
                await _stream.ReadExactlyAsync(message, _closed.Token).ConfigureAwait(false);
                HasAnswered = true;
                LastUsed = Environment.TickCount64;
                Dispatch(message);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException
                                      or System.Security.Authentication.AuthenticationException)
        {
            // The peer closed or reset: fail whatever is still waiting, below.
        }
        finally
        {
            Close();
        }
    }

    private void Dispatch(byte[] message)
    {
        if (message.Length < 2 || !_pending.TryGetValue(BinaryPrimitives.ReadUInt16BigEndian(message), out Pending? pending))
        {
            // A late answer to a query that already timed out, or noise.
            return;
        }

        if (pending.Query.Matches(message))
        {
            pending.Completion.TrySetResult(message);
        }
        else
        {
            _onSpoofed();
            pending.Completion.TrySetException(new UpstreamMismatchException());
        }
    }

    private void Close()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        foreach (KeyValuePair<ushort, Pending> p in _pending)
        {
            p.Value.Completion.TrySetException(new IOException("upstream closed the connection"));
        }

        _stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Close();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing is best effort.
        }

        _closed.Dispose();
        _writeLock.Dispose();
    }

    private sealed class Pending(UpstreamQuery query)
    {
        public UpstreamQuery Query { get; } = query;

        public TaskCompletionSource<byte[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
