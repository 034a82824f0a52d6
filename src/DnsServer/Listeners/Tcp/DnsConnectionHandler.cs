using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// DNS over TCP (RFC 7766) as a Kestrel connection handler: the canonical PipeReader loop
/// (STYLE rule 12) reading 2-byte length-prefixed frames; pipelined queries are answered in
/// order as they complete. Each connection has an idle timeout (reset after every answered
/// frame, so half a frame then silence times out too), the server a connection cap. Buffers
/// are bounded by the transport options; one slow client only ever blocks itself.
/// </summary>
public sealed class DnsConnectionHandler : ConnectionHandler
{
    private const int MaxMessage = ushort.MaxValue;

    private readonly QueryProcessor _processor;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger<DnsConnectionHandler> _logger;
    private readonly ServerSettings _settings;
    private readonly CancellationToken _stopping;
    private int _open;

    public DnsConnectionHandler(QueryProcessor processor, DnsServerMetrics metrics, IOptions<ServerSettings> settings,
        IHostApplicationLifetime lifetime, ILogger<DnsConnectionHandler> logger)
    {
        _processor = processor;
        _metrics = metrics;
        _settings = settings.Value;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
    }

    /// <summary>Connections open right now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        if (Interlocked.Increment(ref _open) > _settings.TcpMaxConnections)
        {
            Interlocked.Decrement(ref _open);
            _metrics.RecordDropped(DnsTransport.Tcp, DropReason.ConnectionLimit);
            Log.ConnectionRejected(_logger, connection.RemoteEndPoint, _settings.TcpMaxConnections);
            connection.Abort(new ConnectionAbortedException("connection limit reached"));
            return;
        }

        _metrics.TcpConnectionOpened();
        byte[] request = ArrayPool<byte>.Shared.Rent(MaxMessage);
        byte[] response = ArrayPool<byte>.Shared.Rent(MaxMessage);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);

        // Shutdown stops reading new frames; an answer being written still gets flushed.
        using CancellationTokenRegistration stop = _stopping.Register(
            static state => ((PipeReader)state!).CancelPendingRead(), connection.Transport.Input);
        try
        {
            var ctx = new QueryContext { Transport = DnsTransport.Tcp };
            ctx.SetClient(connection.RemoteEndPoint as IPEndPoint);
            var sink = new TcpResponseSink(connection.Transport.Output);
            await ServeAsync(connection, ctx, sink, request, response, idle).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ConnectionIdle(_logger, connection.RemoteEndPoint);
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or IOException)
        {
            Log.ConnectionReset(_logger, connection.RemoteEndPoint, ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
            Interlocked.Decrement(ref _open);
            _metrics.TcpConnectionClosed();
        }
    }

    private async Task ServeAsync(ConnectionContext connection, QueryContext ctx, TcpResponseSink sink,
        byte[] request, byte[] response, CancellationTokenSource idle)
    {
        PipeReader input = connection.Transport.Input;
        PipeWriter output = connection.Transport.Output;
        idle.CancelAfter(_settings.TcpIdleTimeout);
        while (true)
        {
            ReadResult result = await input.ReadAsync(idle.Token).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool bad = false;
            try
            {
                while (TryReadFrame(ref buffer, out ReadOnlySequence<byte> frame, out bad))
                {
                    int length = (int)frame.Length;
                    frame.CopyTo(request);
                    int written = await _processor.ProcessAsync(ctx, request.AsMemory(0, length), response, sink, idle.Token)
                        .ConfigureAwait(false);
                    if (written > 0)
                    {
                        TcpResponseSink.Write(output, response.AsSpan(0, written));
                    }

                    // Answers of a pipelined burst are flushed together (RFC 7766 §6.2.1.1).
                    if (!HasWholeFrame(buffer))
                    {
                        await output.FlushAsync(idle.Token).ConfigureAwait(false);
                    }

                    idle.CancelAfter(_settings.TcpIdleTimeout);
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                }

                if (bad)
                {
                    _metrics.RecordDropped(DnsTransport.Tcp, DropReason.BadFrame);
                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private static bool HasWholeFrame(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        return buffer.Length >= BinaryPrimitives.ReadUInt16BigEndian(prefix) + 2;
    }

    /// <summary>Takes one whole frame off <paramref name="buffer"/>; a frame shorter than a header is fatal.</summary>
    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out bool bad)
    {
        frame = default;
        bad = false;
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (length < 12)
        {
            // Not even a header: the stream cannot be trusted to stay in sync.
            bad = true;
            return false;
        }

        if (buffer.Length < length + 2)
        {
            return false;
        }

        frame = buffer.Slice(2, length);
        buffer = buffer.Slice(length + 2);
        return true;
    }
}
