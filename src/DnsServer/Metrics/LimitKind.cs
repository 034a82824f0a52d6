namespace SplitDns.Server.Metrics;

/// <summary>Which resource limit was hit (label <c>limit</c> of <c>splitdns_limited_total</c>). Never rename.</summary>
public enum LimitKind
{
    /// <summary>SplitDns:Tcp:MaxConnections: a new TCP connection was closed at once.</summary>
    TcpConnections = 0,

    /// <summary>SplitDns:Limits:TcpConnectionsPerClient: a new TCP connection from a client already at its quota was closed.</summary>
    TcpConnectionsPerClient = 1,

    /// <summary>SplitDns:Limits:TcpMessageTimeout: a client that started a message and did not finish it in time was closed.</summary>
    TcpMessageTimeout = 2,

    /// <summary>SplitDns:Tcp:IdleTimeoutSeconds: an idle TCP connection was closed.</summary>
    TcpIdleTimeout = 3,

    /// <summary>SplitDns:Limits:TcpQueriesPerConnection: a connection had every query slot busy; reading paused.</summary>
    TcpQueriesPerConnection = 4,

    /// <summary>SplitDns:Limits:UdpQueriesInFlight: a UDP query that would have had to wait was dropped.</summary>
    UdpQueriesInFlight = 5,

    /// <summary>SplitDns:Limits:TransfersOut: a zone transfer was REFUSED.</summary>
    TransfersOut = 6,

    /// <summary>SplitDns:Limits:UpdateMaxBytes or UpdateMaxRecords: an UPDATE was REFUSED.</summary>
    UpdateSize = 7,
}
