namespace SplitDns.Server.Hosting;

/// <summary>
/// Resource limits against hostile or runaway clients (section SplitDns:Limits). Each limit,
/// when hit, adds to <c>splitdns_limited_total{limit=...}</c> (see <see cref="Metrics.LimitKind"/>).
/// The total TCP connection cap and the TCP idle timeout stay where they were
/// (SplitDns:Tcp:MaxConnections, SplitDns:Tcp:IdleTimeoutSeconds).
/// </summary>
public sealed class LimitsSettings
{
    /// <summary>Open TCP connections one client address may hold (like BIND's per-client TCP quota); beyond it new ones are closed.</summary>
    public int TcpConnectionsPerClient { get; init; } = 32;

    /// <summary>
    /// Time a client has to send one whole DNS message once it started it (its length prefix or
    /// any byte of it): a client that dribbles a message (slowloris) is closed after this.
    /// </summary>
    public TimeSpan TcpMessageTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Queries of one TCP connection resolved at once; with all busy no further frames are read (backpressure).</summary>
    public int TcpQueriesPerConnection { get; init; } = 16;

    /// <summary>
    /// UDP queries waiting for an answer (forwarded, UPDATE, NOTIFY) per listen endpoint, shared
    /// by its receive loops. Each holds a 2 x 64 KiB buffer pair; beyond the bound a query that
    /// would have to wait is dropped (as BIND's recursive-clients does). Authoritative answers,
    /// made at once, are never affected.
    /// </summary>
    public int UdpQueriesInFlight { get; init; } = 512;

    /// <summary>Zone transfers (AXFR/IXFR) served at once (like BIND's transfers-out); beyond it REFUSED.</summary>
    public int TransfersOut { get; init; } = 10;

    /// <summary>Largest UPDATE message accepted, in bytes; a larger one is REFUSED before it is parsed.</summary>
    public int UpdateMaxBytes { get; init; } = 32 * 1024;

    /// <summary>Most records (prerequisite plus update sections) in one UPDATE; more are REFUSED.</summary>
    public int UpdateMaxRecords { get; init; } = 1000;
}
