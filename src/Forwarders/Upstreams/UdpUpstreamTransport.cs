using System.Diagnostics;
using System.Net;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// DNS over UDP through a <see cref="UdpSocketPool"/> of connected sockets on random source
/// ports (RFC 5452 §9.2), a random ID per query, answers matched by ID, question and (connected
/// socket) source address; mismatches are counted as spoofed and the wait goes on. With cookies
/// on, every query carries a COOKIE option (RFC 7873 §5.1) whose echo is checked too, and a
/// BADCOOKIE answer is retried once with the server cookie it brought (§5.3). A truncated answer
/// is retried over TCP (RFC 7766 §5) with a new ID. Failures and timeouts are values
/// (<see cref="TryExchangeAsync"/>): nothing is thrown on the failure path.
/// </summary>
public sealed class UdpUpstreamTransport : IUpstreamTransport
{
    /// <summary>Attempts to find an ID not already waiting on the chosen socket.</summary>
    private const int MaxIdCollisions = 4;

    private readonly IUpstreamTransport _tcp;
    private readonly UdpSocketPool _pool;

    public UdpUpstreamTransport(IPEndPoint endpoint, IUpstreamTransport tcpFallback, Action onSpoofed)
        : this(endpoint, tcpFallback, onSpoofed, new UdpSocketPoolOptions(), cookies: false)
    {
    }

    public UdpUpstreamTransport(IPEndPoint endpoint, IUpstreamTransport tcpFallback, Action onSpoofed,
        UdpSocketPoolOptions pool, bool cookies)
    {
        _tcp = tcpFallback;
        _pool = new UdpSocketPool(endpoint, pool, onSpoofed);
        Cookies = cookies ? new UpstreamCookieJar(endpoint) : null;
    }

    /// <summary>The cookie state toward this upstream; null when cookies are off.</summary>
    public UpstreamCookieJar? Cookies { get; }

    public async ValueTask<UpstreamExchange> TryExchangeAsync(UpstreamQuery query, TimeSpan timeout, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        bool retriedBadCookie = false;
        while (true)
        {
            UpstreamExchange result = await SendOnceAsync(Cookies?.Apply(query) ?? query, Remaining(timeout, start), ct)
                .ConfigureAwait(false);
            if (result.Status != UpstreamAttemptStatus.Answered)
            {
                return result;
            }

            byte[] wire = result.Wire!;
            if ((wire[2] & 0x02) != 0)
            {
                return await _tcp.TryExchangeAsync(query.WithNewId(), Remaining(timeout, start), ct).ConfigureAwait(false);
            }

            // RFC 7873 §5.3: BADCOOKIE carries a fresh server cookie (already learned); retry once with it.
            if (Cookies is not null && !retriedBadCookie && UpstreamResponseOpt.Rcode(wire) == DnsRcode.BadCookie)
            {
                retriedBadCookie = true;
                query = query.WithNewId();
                continue;
            }

            return result;
        }
    }

    /// <summary>Throwing form for callers that want it; the resolver uses <see cref="TryExchangeAsync"/>.</summary>
    public async ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct)
    {
        UpstreamExchange result = await TryExchangeAsync(query, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        return result.Status switch
        {
            UpstreamAttemptStatus.Answered => result.Wire!,
            UpstreamAttemptStatus.Cancelled => throw new OperationCanceledException(ct),
            _ => throw new IOException(result.Error),
        };
    }

    private async ValueTask<UpstreamExchange> SendOnceAsync(UpstreamQuery query, TimeSpan timeout, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return UpstreamExchange.Cancelled;
        }

        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            return UpstreamExchange.TimedOut;
        }

        for (int attempt = 0; ; attempt++)
        {
            UdpUpstreamSocket? socket = _pool.Rent(out UpstreamExchange failure);
            if (socket is null)
            {
                return failure;
            }

            var pending = new UdpPendingExchange(query, Cookies);
            if (!socket.TryRegister(pending))
            {
                // The ID is already waiting on this socket, or the socket is being retired: new ID, maybe another socket.
                if (attempt >= MaxIdCollisions)
                {
                    return UpstreamExchange.Failed("IdCollision", "no free query ID on the upstream sockets");
                }

                query = query.WithNewId();
                continue;
            }

            pending.Arm(socket, timeout, ct);
            socket.Send(pending);
            return await pending.Completion.ConfigureAwait(false);
        }
    }

    private static TimeSpan Remaining(TimeSpan timeout, long start) =>
        timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - Stopwatch.GetElapsedTime(start);

    public async ValueTask DisposeAsync()
    {
        _pool.Dispose();
        await _tcp.DisposeAsync().ConfigureAwait(false);
    }
}
