namespace SplitDns.Protocol.Wire;

/// <summary>
/// Response codes, including the extended ones carried in OPT and TSIG (RFC 6891, RFC 8945).
/// Persisted in metrics and logs: never renumber.
/// </summary>
public enum DnsRcode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NxDomain = 3,
    NotImp = 4,
    Refused = 5,
    YxDomain = 6,
    YxRrset = 7,
    NxRrset = 8,
    NotAuth = 9,
    NotZone = 10,
    DsoTypeNi = 11,

    /// <summary>BADVERS in OPT, BADSIG in TSIG (both 16).</summary>
    BadVers = 16,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadMode = 19,
    BadName = 20,
    BadAlg = 21,
    BadTrunc = 22,
    BadCookie = 23,
}
