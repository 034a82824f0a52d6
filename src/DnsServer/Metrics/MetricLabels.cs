using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Metrics;

/// <summary>
/// Label values as preallocated strings, so recording a metric allocates nothing and a client
/// cannot create unbounded label cardinality with exotic QTYPEs (they all become "other").
/// </summary>
internal static class MetricLabels
{
    private static readonly string[] s_types = BuildTypes();
    private static readonly string[] s_rcodes = BuildRcodes();
    private static readonly string[] s_opcodes = ["QUERY", "IQUERY", "STATUS", OtherOpcode, "NOTIFY", "UPDATE", "DSO"];
    private static readonly string[] s_drops = ["short", "response", "internal_error", "connection_limit", "bad_frame", "proxy_header"];
    private static readonly string[] s_clientSubnet = ["used", "ignored_untrusted", "malformed", "no_address"];

    /// <summary>The label of an opcode this server does not implement (answered NOTIMP).</summary>
    public const string OtherOpcode = "other";

    public static string Opcode(DnsOpcode opcode) => (int)opcode < s_opcodes.Length ? s_opcodes[(int)opcode] : OtherOpcode;

    /// <summary>How many <see cref="DnsTransport"/> values there are (counters keep a block per transport).</summary>
    public static readonly int TransportCount = Enum.GetValues<DnsTransport>().Length;

    private static readonly string[] s_transports = BuildTransports();

    public static string Transport(DnsTransport transport) => (uint)transport < (uint)s_transports.Length ? s_transports[(int)transport] : "udp";

    public static string QType(RecordType type) =>
        (ushort)type < s_types.Length && s_types[(ushort)type] is { } name ? name : "other";

    public static string Rcode(DnsRcode rcode) =>
        (ushort)rcode < s_rcodes.Length && s_rcodes[(ushort)rcode] is { } name ? name : "other";

    public static string Drop(DropReason reason) => (int)reason < s_drops.Length ? s_drops[(int)reason] : "other";

    public static string ClientSubnet(ClientSubnetResult result) =>
        (int)result < s_clientSubnet.Length ? s_clientSubnet[(int)result] : "other";

    // Labels are the enum names lowercased: udp, tcp, dot (a new transport needs no other change here).
    private static string[] BuildTransports()
    {
        DnsTransport[] values = Enum.GetValues<DnsTransport>();
        var labels = new string[values.Length];
        foreach (DnsTransport t in values)
        {
            labels[(int)t] = t.ToString().ToLowerInvariant();
        }

        return labels;
    }

    private static string[] BuildTypes()
    {
        var names = new string[512];
        foreach (RecordType t in Enum.GetValues<RecordType>())
        {
            if ((ushort)t < names.Length)
            {
                names[(ushort)t] = RecordTypeNames.ToText(t);
            }
        }

        return names;
    }

    private static string[] BuildRcodes()
    {
        string[] names = new string[24];
        string[] known = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI"];
        known.CopyTo(names, 0);
        names[16] = "BADVERS";
        names[17] = "BADKEY";
        names[18] = "BADTIME";
        names[23] = "BADCOOKIE";
        return names;
    }
}
