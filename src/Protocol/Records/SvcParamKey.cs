namespace SplitDns.Protocol.Records;

/// <summary>SvcParamKeys (RFC 9460 §14.3.2 registry). Keys without a member are "keyNNNNN".</summary>
public enum SvcParamKey : ushort
{
    Mandatory = 0,
    Alpn = 1,
    NoDefaultAlpn = 2,
    Port = 3,
    Ipv4Hint = 4,
    Ech = 5,
    Ipv6Hint = 6,

    /// <summary>RFC 9461 §5; its value is handled as opaque text here.</summary>
    DohPath = 7,

    /// <summary>RFC 9540 §4; its value is handled as opaque bytes here.</summary>
    Ohttp = 8,
}
