namespace SplitDns.Server.Metrics;

/// <summary>What became of a query's EDNS Client Subnet option. Used as a metrics label: never rename.</summary>
public enum ClientSubnetResult
{
    /// <summary>From a trusted source: its address selected the view, and it was echoed.</summary>
    Used = 0,

    /// <summary>From a source not in SplitDns:ClientSubnet:TrustedSources: the view went by the client.</summary>
    IgnoredUntrusted = 1,

    /// <summary>Malformed (RFC 7871 §6, §7.2.1): answered FORMERR.</summary>
    Malformed = 2,

    /// <summary>From a trusted source but SOURCE PREFIX-LENGTH 0 (no address): echoed, the view went by the client.</summary>
    NoAddress = 3,
}
