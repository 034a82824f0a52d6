using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Networking;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// DNS over TCP (RFC 7766) and over TLS (RFC 7858) as a Kestrel connection handler: enforces the
/// connection caps and serves each connection with a <see cref="TcpSession"/> (pipelined queries processed
/// concurrently, answers sent as they are ready, idle timeout). Buffers are bounded by the
/// transport options; one slow client only ever blocks itself.
/// </summary>
public sealed class DnsConnectionHandler : ConnectionHandler
{
    private readonly QueryProcessor _processor;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger<DnsConnectionHandler> _logger;
    private readonly ServerSettings _settings;
    private readonly CancellationToken _stopping;
    private readonly TcpClientQuota _perClient;
    private int _open;

    public DnsConnectionHandler(QueryProcessor processor, DnsServerMetrics metrics, IOptions<ServerSettings> settings,
        IHostApplicationLifetime lifetime, ILogger<DnsConnectionHandler> logger)
    {
        _processor = processor;
        _metrics = metrics;
        _settings = settings.Value;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        _perClient = new TcpClientQuota(_settings.Limits.TcpConnectionsPerClient);
    }

    /// <summary>Connections open right now (TCP 53 and DoT together: one budget).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public override Task OnConnectedAsync(ConnectionContext connection) =>
        AdmitAsync(connection, DnsTransport.Tcp, c => ServeAsync(c, DnsTransport.Tcp));

    /// <summary>
    /// Admits a connection on accept, before anything else is spent on it (for DoT: before the
    /// TLS handshake): the total cap (SplitDns:Tcp:MaxConnections), the PROXY v2 header of a
    /// trusted proxy (it precedes TLS), then the per-client quota (SplitDns:Limits:TcpConnectionsPerClient).
    /// TCP 53 and DoT share both limits. <paramref name="next"/> serves the admitted connection.
    /// </summary>
    public async Task AdmitAsync(ConnectionContext connection, DnsTransport transport, ConnectionDelegate next)
    {
        if (Interlocked.Increment(ref _open) > _settings.TcpMaxConnections)
        {
            Interlocked.Decrement(ref _open);
            _metrics.RecordDropped(transport, DropReason.ConnectionLimit);
            _metrics.RecordLimited(LimitKind.TcpConnections);
            Log.ConnectionRejected(_logger, connection.RemoteEndPoint, _settings.TcpMaxConnections);
            connection.Abort(new ConnectionAbortedException("connection limit reached"));
            return;
        }

        _metrics.StreamConnectionOpened(transport);
        IPEndPoint? client = connection.RemoteEndPoint as IPEndPoint;
        IPAddress? quotaHolder = null;
        try
        {
            client = await ReadProxyHeaderAsync(connection, client, transport).ConfigureAwait(false);
            if (client is null)
            {
                return;
            }

            // Per client (after PROXY v2: the real client, not the proxy), within the total cap.
            if (!_perClient.TryEnter(client.Address))
            {
                _metrics.RecordDropped(transport, DropReason.ConnectionLimit);
                _metrics.RecordLimited(LimitKind.TcpConnectionsPerClient);
                Log.ClientConnectionRejected(_logger, client, _perClient.Limit);
                connection.Abort(new ConnectionAbortedException("per-client connection limit reached"));
                return;
            }

            quotaHolder = client.Address;
            connection.Items[typeof(DnsConnectionHandler)] = client;
            await next(connection).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ConnectionIdle(_logger, client);
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or IOException)
        {
            Log.ConnectionReset(_logger, client, ex.Message);
        }
        finally
        {
            if (quotaHolder is not null)
            {
                _perClient.Exit(quotaHolder);
            }

            Interlocked.Decrement(ref _open);
            _metrics.StreamConnectionClosed(transport);
        }
    }

    /// <summary>
    /// Serves an admitted connection (<see cref="AdmitAsync"/>) with a <see cref="TcpSession"/>;
    /// for DoT the transport is by now the decrypted stream. The same pipelining, per-connection
    /// query limit, message and idle timeouts apply to both transports.
    /// </summary>
    public async Task ServeAsync(ConnectionContext connection, DnsTransport transport)
    {
        IPEndPoint? client = connection.Items.TryGetValue(typeof(DnsConnectionHandler), out object? admitted)
            ? admitted as IPEndPoint
            : connection.RemoteEndPoint as IPEndPoint;

        // Shutdown stops reading new frames; answers in flight still get written and flushed.
        using CancellationTokenRegistration stop = _stopping.Register(
            static state => ((PipeReader)state!).CancelPendingRead(), connection.Transport.Input);
        var session = new TcpSession(connection, client, _processor, _metrics, _settings.TcpIdleTimeout, _stopping, _logger,
            _settings.Limits)
        {
            ListenerIndex = transport == DnsTransport.Dot
                ? ListenerIndex.OfDot(_settings.DnsEndpoints, _settings.Tls.DotEndpoints, connection.LocalEndPoint)
                : ListenerIndex.Of(_settings.DnsEndpoints, connection.LocalEndPoint),
            Transport = transport,
        };
        await session.RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The client a connection speaks for. A peer in SplitDns:ProxyProtocol:TrustedNetworks must
    /// send a PROXY v2 header first (within the header timeout): its source is the client for the
    /// views, the recursion ACL, UPDATE and transfer ACLs and the logs. Without a valid header the
    /// connection is closed (null). Other peers are plain DNS: a header from them is not honoured
    /// (its bytes are then a broken frame, as any garbage is).
    /// </summary>
    private async ValueTask<IPEndPoint?> ReadProxyHeaderAsync(ConnectionContext connection, IPEndPoint? peer, DnsTransport transport)
    {
        NetworkList trusted = _settings.ClientAddress.ProxyTrustedNetworks;
        if (peer is null || trusted.Count == 0 || !trusted.Contains(peer.Address))
        {
            return peer;
        }

        (IPEndPoint? client, string? error) = await ProxyPreamble.ReadAsync(connection.Transport.Input, peer,
            _settings.ClientAddress.ProxyHeaderTimeout, _stopping).ConfigureAwait(false);
        if (client is null)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _metrics.RecordDropped(transport, DropReason.ProxyHeader);
                Log.ProxyHeaderRejected(_logger, peer, error ?? "no PROXY v2 header");
            }

            connection.Abort(new ConnectionAbortedException("no valid PROXY v2 header"));
            return null;
        }

        Log.ProxyHeaderAccepted(_logger, peer, client);
        return client;
    }
}
