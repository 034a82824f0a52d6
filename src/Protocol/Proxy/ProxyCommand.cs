namespace SplitDns.Protocol.Proxy;

/// <summary>The command nibble of a PROXY protocol v2 header (haproxy proxy-protocol.txt §2.2).</summary>
public enum ProxyCommand : byte
{
    /// <summary>The proxy's own connection (health checks): the real endpoints apply.</summary>
    Local = 0,

    /// <summary>A relayed connection: the header's addresses are the client's and the original destination.</summary>
    Proxy = 1,
}
