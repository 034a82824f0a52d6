using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// DNS over TCP (RFC 7766) or over TLS (RFC 7858): one long-lived connection per upstream,
/// reused and pipelined by concurrent queries. A query that fails on a reused connection the
/// server had quietly closed is sent once more on a new connection (RFC 7766 §6.2.1).
/// TLS validates the certificate chain and the configured name (RFC 7858 §4.2 strict profile,
/// RFC 8310); SslStream resumes TLS sessions across reconnects to the same host.
/// </summary>
public sealed class StreamUpstreamTransport : IUpstreamTransport
{
    private readonly IPEndPoint _endpoint;
    private readonly string? _tlsName;
    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly Action _onSpoofed;
    private readonly TimeSpan _idleTimeout;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private StreamUpstreamConnection? _connection;

    /// <param name="tlsName">Null for plain TCP; the certificate name for DoT.</param>
    /// <param name="trustedRoots">A private CA to trust instead of the system store (self-hosted upstreams, tests).</param>
    public StreamUpstreamTransport(IPEndPoint endpoint, string? tlsName, X509Certificate2Collection? trustedRoots,
        Action onSpoofed, TimeSpan idleTimeout)
    {
        _endpoint = endpoint;
        _tlsName = tlsName;
        _trustedRoots = trustedRoots;
        _onSpoofed = onSpoofed;
        _idleTimeout = idleTimeout;
    }

    /// <summary>Connections opened so far (tests check reuse).</summary>
    public int ConnectionsOpened { get; private set; }

    public async ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            StreamUpstreamConnection connection = await GetConnectionAsync(ct).ConfigureAwait(false);
            try
            {
                return await connection.ExchangeAsync(query, ct).ConfigureAwait(false);
            }
            catch (IOException) when (attempt == 0 && connection.HasAnswered && !ct.IsCancellationRequested)
            {
                query = query.WithNewId();
            }
        }
    }

    private async ValueTask<StreamUpstreamConnection> GetConnectionAsync(CancellationToken ct)
    {
        StreamUpstreamConnection? current = Volatile.Read(ref _connection);
        if (current is { IsAlive: true } && Environment.TickCount64 - current.LastUsed < _idleTimeout.TotalMilliseconds)
        {
            return current;
        }

        await _connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            current = _connection;
            if (current is { IsAlive: true } && Environment.TickCount64 - current.LastUsed < _idleTimeout.TotalMilliseconds)
            {
                return current;
            }

            if (current is not null)
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }

            Stream stream = await ConnectAsync(ct).ConfigureAwait(false);
            ConnectionsOpened++;
            current = new StreamUpstreamConnection(stream, _onSpoofed);
            Volatile.Write(ref _connection, current);
            return current;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endpoint, ct).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (_tlsName is null)
            {
                return network;
            }

            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsClientAsync(UpstreamTls.ClientOptions(_tlsName, _trustedRoots), ct).ConfigureAwait(false);
            }
            catch
            {
                await tls.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return tls;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        StreamUpstreamConnection? current = Interlocked.Exchange(ref _connection, null);
        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }
}
