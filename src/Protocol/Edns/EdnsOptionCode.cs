namespace SplitDns.Protocol.Edns;

/// <summary>EDNS option codes (IANA "DNS EDNS0 Option Codes"). Persisted: never renumber.</summary>
public enum EdnsOptionCode : ushort
{
    Nsid = 3,
    ClientSubnet = 8,
    Expire = 9,
    Cookie = 10,
    TcpKeepalive = 11,
    Padding = 12,
    ExtendedDnsError = 15,
}
