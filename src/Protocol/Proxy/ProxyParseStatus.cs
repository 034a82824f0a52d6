namespace SplitDns.Protocol.Proxy;

/// <summary>What <see cref="ProxyHeader.TryParse"/> made of the bytes seen so far.</summary>
public enum ProxyParseStatus
{
    /// <summary>A whole, valid header: its length is known and the DNS stream follows it.</summary>
    Done,

    /// <summary>A valid prefix of a header: read more.</summary>
    NeedMore,

    /// <summary>Not a PROXY v2 header, or one this server does not accept.</summary>
    Invalid,
}
