using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    // The TCP idle timeout (SplitDns:Tcp:IdleTimeoutSeconds) as RFC 7828 TIMEOUT units of 100 ms.
    private readonly ushort _keepaliveTimeout;

    /// <summary>
    /// edns-tcp-keepalive (RFC 7828). Over TCP the response carries the server's idle timeout
    /// (§3.3.1: the TIMEOUT currently associated with the connection; SplitDns keeps it fixed).
    /// Over UDP clients must not send it (§3.2.1) and a server ignores it (§3.3.1), as BIND,
    /// Unbound and Knot Resolver do. Always true today; <paramref name="length"/> stays for a
    /// future check that answers the query itself.
    /// </summary>
    private bool TryApplyKeepalive(QueryContext ctx, ReadOnlySpan<byte> options, Span<byte> response, out int length)
    {
        length = 0;
        if (!TcpKeepalive.IsPresent(options))
        {
            return true;
        }

        if (!ctx.Transport.IsTcpStream())
        {
            return true;
        }

        ctx.KeepaliveTimeout = _keepaliveTimeout;
        return true;
    }
}
