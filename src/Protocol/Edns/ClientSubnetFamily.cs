namespace SplitDns.Protocol.Edns;

/// <summary>ECS FAMILY (RFC 7871 §6): IANA Address Family Numbers. Persisted on the wire: never renumber.</summary>
public enum ClientSubnetFamily : ushort
{
    IPv4 = 1,
    IPv6 = 2,
}
