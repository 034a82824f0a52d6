namespace SplitDns.Server.Cookies;

/// <summary>
/// SplitDns:Cookies: DNS cookies for clients (RFC 7873) with interoperable server cookies
/// (RFC 9018). On by default, as in BIND; forwarded and authoritative answers carry them
/// (CookieForwardingTests, CookieTests).
/// </summary>
public sealed class CookieSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The 16-byte server secret; null: a random one made at start. Replicas behind one address
    /// must share it, or a client's cookie from one replica is bad at the next.
    /// </summary>
    public byte[]? Secret { get; init; }

    /// <summary>
    /// Answer BADCOOKIE (RFC 7873 §5.2.3) to UDP queries that carry a client cookie but no valid
    /// server cookie, instead of answering them. Off by default: clients that do not retry with
    /// the new cookie would fail.
    /// </summary>
    public bool RequireForUdp { get; init; }
}
