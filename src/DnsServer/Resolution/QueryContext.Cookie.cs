using SplitDns.Protocol.Edns;

namespace SplitDns.Server.Resolution;

public sealed partial class QueryContext
{
    private readonly byte[] _cookie = new byte[DnsCookie.ClientCookieLength + InteroperableServerCookie.Length];

    /// <summary>
    /// The response carries a COOKIE option (RFC 7873 §5.2): the query's client cookie and a
    /// fresh server cookie. Set per query by the processor; kept by <see cref="ResetResponse"/>.
    /// </summary>
    public bool HasResponseCookie { get; private set; }

    /// <summary>The query carried a server cookie we made for this client (RFC 7873 §5.2.4); RRL exempts it.</summary>
    public bool ServerCookieValid { get; private set; }

    /// <summary>Client cookie (8) then server cookie (16), as written into the response's OPT.</summary>
    internal ReadOnlySpan<byte> ResponseCookie => _cookie;

    internal Span<byte> CookieBuffer => _cookie;

    internal void SetResponseCookie(bool serverCookieValid)
    {
        HasResponseCookie = true;
        ServerCookieValid = serverCookieValid;
    }

    /// <summary>Forgets the previous message's cookie (called for every message before decoding).</summary>
    internal void ClearCookie()
    {
        HasResponseCookie = false;
        ServerCookieValid = false;
    }
}
