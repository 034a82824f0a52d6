using Microsoft.Extensions.Logging;
using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// <see cref="IZoneChangeFeed"/> over PostgreSQL LISTEN/NOTIFY: one dedicated, unpooled
/// connection that LISTENs on <see cref="ZoneChangeNotification.Channel"/>. While idle it runs
/// <c>SELECT 1</c> every <c>keepAliveInterval</c> with a short command timeout, so a server that
/// died without closing the socket is noticed within seconds rather than at the TCP timeout.
/// After a loss it reconnects with backoff (0.5 s, doubling to 10 s).
/// </summary>
public sealed class PostgresChangeListener : IZoneChangeFeed
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(10);
    private readonly string _connectionString;
    private readonly string _server;
    private readonly ILogger _logger;
    private readonly TimeSpan _keepAlive;
    private readonly CancellationTokenSource _disposed = new();
    private volatile bool _connected;

    /// <param name="connectionString">The store's connection string.</param>
    /// <param name="logger">Receives connection and payload events (5101-5105).</param>
    /// <param name="keepAliveInterval">Idle time before a <c>SELECT 1</c> probe (default 5 s).</param>
    public PostgresChangeListener(string connectionString, ILogger logger, TimeSpan? keepAliveInterval = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        _keepAlive = keepAliveInterval ?? TimeSpan.FromSeconds(5);
        int probeSeconds = Math.Max(1, (int)Math.Ceiling(_keepAlive.TotalSeconds));
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = Math.Min(probeSeconds, 5),
            CommandTimeout = Math.Min(probeSeconds, 5),

            // TCP keepalive as well, for a peer that vanished while a probe was not running.
            TcpKeepAlive = true,
            TcpKeepAliveTime = probeSeconds,
            TcpKeepAliveInterval = 1,
        }.ConnectionString;
        _server = PostgresConnectionString.Describe(_connectionString);
        _logger = logger;
    }

    public event Action<ZoneKey, uint>? Changed;

    public event Action? Connected;

    public event Action<Exception>? Disconnected;

    public bool IsConnected => _connected;

    public async Task RunAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        CancellationToken token = linked.Token;
        TimeSpan backoff = s_firstBackoff;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => backoff = s_firstBackoff, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Any failure, not only the connection errors: the feed must outlive a surprise
                // (it is logged), and a retry with backoff costs little.
                int delay = (int)backoff.TotalMilliseconds;
                if (_connected)
                {
                    _connected = false;
                    Log.ListenLost(_logger, _server, delay, ex);
                    Raise(() => Disconnected?.Invoke(ex), nameof(Disconnected));
                }
                else
                {
                    Log.ListenRetry(_logger, _server, ex.Message, delay);
                }
            }

            try
            {
                await Task.Delay(backoff, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
        }

        _connected = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    /// <summary>One connection's life: connect, LISTEN, wait for notifications; returns only by throwing.</summary>
    private async Task ListenAsync(Action onListening, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {ZoneChangeNotification.Channel};", connection))
        {
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        onListening();
        _connected = true;
        Log.Listening(_logger, _server, ZoneChangeNotification.Channel);
        Raise(() => Connected?.Invoke(), nameof(Connected));
        await using var probe = new NpgsqlCommand("SELECT 1;", connection);
        while (true)
        {
            if (!await connection.WaitAsync(_keepAlive, ct).ConfigureAwait(false))
            {
                await probe.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (!ZoneChangeNotification.TryParse(payload, out ZoneKey zone, out uint serial))
        {
            Log.MalformedPayload(_logger, channel, payload);
            return;
        }

        Raise(() => Changed?.Invoke(zone, serial), nameof(Changed));
    }

    private void Raise(Action raise, string name)
    {
        try
        {
            raise();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A subscriber's bug must not stop the feed: it is logged, and listening goes on.
            Log.HandlerFailed(_logger, name, ex);
        }
    }
}
