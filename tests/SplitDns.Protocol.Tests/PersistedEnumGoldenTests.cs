using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests;

/// <summary>
/// STYLE rule 21: numbers that are persisted or sent on the wire never change. Append a new
/// member here when you add one to the enum; never edit or remove a line.
/// </summary>
public class PersistedEnumGoldenTests
{
    private static readonly (string Name, int Value)[] s_recordTypes =
    [
        ("A", 1), ("NS", 2), ("CNAME", 5), ("SOA", 6), ("PTR", 12), ("HINFO", 13), ("MX", 15), ("TXT", 16),
        ("RP", 17), ("AFSDB", 18), ("AAAA", 28), ("LOC", 29), ("SRV", 33), ("NAPTR", 35), ("KX", 36), ("CERT", 37),
        ("DNAME", 39), ("OPT", 41), ("APL", 42), ("DS", 43), ("SSHFP", 44), ("IPSECKEY", 45), ("RRSIG", 46),
        ("NSEC", 47), ("DNSKEY", 48), ("DHCID", 49), ("NSEC3", 50), ("NSEC3PARAM", 51), ("TLSA", 52), ("SMIMEA", 53),
        ("HIP", 55), ("CDS", 59), ("CDNSKEY", 60), ("OPENPGPKEY", 61), ("CSYNC", 62), ("ZONEMD", 63), ("SVCB", 64),
        ("HTTPS", 65), ("SPF", 99), ("TKEY", 249), ("TSIG", 250), ("IXFR", 251), ("AXFR", 252), ("MAILB", 253),
        ("MAILA", 254), ("ANY", 255), ("URI", 256), ("CAA", 257),
    ];

    private static readonly (string Name, int Value)[] s_classes =
    [
        ("IN", 1), ("CH", 3), ("HS", 4), ("None", 254), ("Any", 255),
    ];

    private static readonly (string Name, int Value)[] s_opcodes =
    [
        ("Query", 0), ("IQuery", 1), ("Status", 2), ("Notify", 4), ("Update", 5), ("Dso", 6),
    ];

    private static readonly (string Name, int Value)[] s_rcodes =
    [
        ("NoError", 0), ("FormErr", 1), ("ServFail", 2), ("NxDomain", 3), ("NotImp", 4), ("Refused", 5),
        ("YxDomain", 6), ("YxRrset", 7), ("NxRrset", 8), ("NotAuth", 9), ("NotZone", 10), ("DsoTypeNi", 11),
        ("BadVers", 16), ("BadSig", 16), ("BadKey", 17), ("BadTime", 18), ("BadMode", 19), ("BadName", 20),
        ("BadAlg", 21), ("BadTrunc", 22), ("BadCookie", 23),
    ];

    private static readonly (string Name, int Value)[] s_svcParamKeys =
    [
        ("Mandatory", 0), ("Alpn", 1), ("NoDefaultAlpn", 2), ("Port", 3), ("Ipv4Hint", 4), ("Ech", 5),
        ("Ipv6Hint", 6), ("DohPath", 7), ("Ohttp", 8),
    ];

    private static readonly (string Name, int Value)[] s_formatErrors =
    [
        ("Truncated", 1), ("BadPointer", 2), ("PointerLoop", 3), ("LabelTooLong", 4), ("NameTooLong", 5),
        ("BadLabelType", 6), ("RdataLength", 7), ("TrailingData", 8), ("BadOpt", 9), ("BadRdata", 10),
        ("BadTsig", 11), ("CountMismatch", 12),
    ];

    // IANA "DNS EDNS0 Option Codes (OPT)".
    private static readonly (string Name, int Value)[] s_ednsOptionCodes =
    [
        ("Nsid", 3), ("ClientSubnet", 8), ("Expire", 9), ("Cookie", 10), ("TcpKeepalive", 11), ("Padding", 12),
        ("ExtendedDnsError", 15),
    ];

    // RFC 8914 §5.2 (IANA "Extended DNS Error Codes").
    private static readonly (string Name, int Value)[] s_extendedDnsErrors =
    [
        ("Other", 0), ("UnsupportedDnskeyAlgorithm", 1), ("UnsupportedDsDigestType", 2), ("StaleAnswer", 3),
        ("ForgedAnswer", 4), ("DnssecIndeterminate", 5), ("DnssecBogus", 6), ("SignatureExpired", 7),
        ("SignatureNotYetValid", 8), ("DnskeyMissing", 9), ("RrsigsMissing", 10), ("NoZoneKeyBitSet", 11),
        ("NsecMissing", 12), ("CachedError", 13), ("NotReady", 14), ("Blocked", 15), ("Censored", 16),
        ("Filtered", 17), ("Prohibited", 18), ("StaleNxDomainAnswer", 19), ("NotAuthoritative", 20),
        ("NotSupported", 21), ("NoReachableAuthority", 22), ("NetworkError", 23), ("InvalidData", 24),
    ];

    // RFC 7871 §6: IANA Address Family Numbers.
    private static readonly (string Name, int Value)[] s_clientSubnetFamilies =
    [
        ("IPv4", 1), ("IPv6", 2),
    ];

    // haproxy proxy-protocol.txt §2.2: the low nibble of the 13th octet.
    private static readonly (string Name, int Value)[] s_proxyCommands =
    [
        ("Local", 0), ("Proxy", 1),
    ];

    [Fact]
    public void RecordType_Members_KeepTheirValues() => AssertGolden<RecordType>(s_recordTypes);

    [Fact]
    public void DnsClass_Members_KeepTheirValues() => AssertGolden<DnsClass>(s_classes);

    [Fact]
    public void DnsOpcode_Members_KeepTheirValues() => AssertGolden<DnsOpcode>(s_opcodes);

    [Fact]
    public void DnsRcode_Members_KeepTheirValues() => AssertGolden<DnsRcode>(s_rcodes);

    [Fact]
    public void SvcParamKey_Members_KeepTheirValues() => AssertGolden<SvcParamKey>(s_svcParamKeys);

    [Fact]
    public void DnsFormatError_Members_KeepTheirValues() => AssertGolden<DnsFormatError>(s_formatErrors);

    [Fact]
    public void EdnsOptionCode_Members_KeepTheirValues() => AssertGolden<EdnsOptionCode>(s_ednsOptionCodes);

    [Fact]
    public void ExtendedDnsErrorCode_Members_KeepTheirValues() => AssertGolden<ExtendedDnsErrorCode>(s_extendedDnsErrors);

    [Fact]
    public void ClientSubnetFamily_Members_KeepTheirValues() => AssertGolden<ClientSubnetFamily>(s_clientSubnetFamilies);

    [Fact]
    public void ProxyCommand_Members_KeepTheirValues() => AssertGolden<SplitDns.Protocol.Proxy.ProxyCommand>(s_proxyCommands);

    /// <summary>Every golden entry still exists with its value, and every member is pinned by an entry.</summary>
    private static void AssertGolden<T>((string Name, int Value)[] golden)
        where T : struct, Enum
    {
        foreach ((string name, int value) in golden)
        {
            Assert.True(Enum.TryParse(name, ignoreCase: false, out T member), $"{typeof(T).Name}.{name} was removed or renamed");
            Assert.Equal(value, Convert.ToInt32(member, System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (string name in Enum.GetNames<T>())
        {
            Assert.True(Array.Exists(golden, g => g.Name == name), $"{typeof(T).Name}.{name} is new: append it to the golden list");
        }
    }
}
