namespace SplitDns.Forwarders.Upstreams;

/// <summary>How one try to one upstream ended.</summary>
public enum UpstreamAttemptStatus
{
    /// <summary>A usable answer: NOERROR or NXDOMAIN.</summary>
    Answered,

    /// <summary>A matching answer that asks us to try elsewhere: SERVFAIL, REFUSED, NOTIMP, FORMERR.</summary>
    ErrorRcode,

    TimedOut,

    /// <summary>Network, TLS, HTTP or format failure, or a mismatched answer.</summary>
    Failed,

    /// <summary>The caller gave up (deadline or a faster parallel answer): not the server's fault.</summary>
    Cancelled,
}
