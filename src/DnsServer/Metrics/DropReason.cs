namespace SplitDns.Server.Metrics;

/// <summary>Why a packet got no reply. Used as a metrics label: never rename.</summary>
public enum DropReason
{
    /// <summary>Shorter than a header: nothing to echo.</summary>
    Short = 0,

    /// <summary>The QR bit was set: responses are never answered.</summary>
    Response = 1,

    /// <summary>A bug on the decode path (logged).</summary>
    InternalError = 2,

    /// <summary>The TCP connection cap was reached.</summary>
    ConnectionLimit = 3,

    /// <summary>A TCP length prefix below 12 or a frame the client never completed.</summary>
    BadFrame = 4,

    /// <summary>A TCP connection from a trusted proxy without a valid PROXY v2 header in time (closed).</summary>
    ProxyHeader = 5,
}
