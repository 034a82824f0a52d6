using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    /// <summary>RFC 2181 §8: a TTL is 0 to 2^31-1 seconds.</summary>
    public const long MaxTtl = int.MaxValue;

    /// <summary>
    /// A record from the request: name in the zone, a known data type, RDATA that parses in
    /// presentation format (the zone-file parser's, names relative to the zone), TTL in range
    /// (absent: the RRset's, else <see cref="DefaultTtl"/>). Errors name the field (prefix + field).
    /// </summary>
    private static ResourceRecord ParseRecord(RecordSpec spec, ZoneSnapshot snapshot, string prefix, bool dataOnly = false)
    {
        DnsName name = ParseName(spec.Name, snapshot, prefix + "name");
        RecordType type = ParseType(spec.Type, prefix + "type");
        Rdata data = ParseData(type, spec.Data, snapshot.Origin, prefix + "data");
        if (dataOnly)
        {
            return new ResourceRecord(name, type, DnsClass.IN, 0, data);
        }

        if (spec.Ttl is < 0 or > MaxTtl)
        {
            throw RecordRequestException.BadRequest(prefix + "ttl", $"{spec.Ttl} is outside 0..{MaxTtl} (RFC 2181 §8)");
        }

        uint ttl = spec.Ttl is { } t ? (uint)t : snapshot.GetRrset(name, type)?.Ttl ?? DefaultTtl;
        return new ResourceRecord(name, type, DnsClass.IN, ttl, data);
    }

    /// <summary>An owner name in the zone: absolute, or relative to the zone's origin ("@" is the apex).</summary>
    public static DnsName ParseName(string? text, ZoneSnapshot snapshot, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RecordRequestException.BadRequest(parameter, "missing");
        }

        if (!DnsName.TryParse(text.Trim(), snapshot.Origin, out DnsName name, out string? error))
        {
            throw RecordRequestException.BadRequest(parameter, $"'{text}' is not a domain name: {error}");
        }

        if (!name.IsSubdomainOf(snapshot.Origin))
        {
            throw RecordRequestException.BadRequest(parameter, $"{name} is not in zone {snapshot.Origin}");
        }

        return name;
    }

    /// <summary>A data type by mnemonic or TYPEnnn; meta types (ANY, AXFR, OPT, TSIG, ...) are not data.</summary>
    public static RecordType ParseType(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RecordRequestException.BadRequest(parameter, "missing");
        }

        if (!RecordTypeNames.TryParse(text.Trim(), out RecordType type))
        {
            throw RecordRequestException.BadRequest(parameter, $"unknown record type '{text}'");
        }

        if (type is RecordType.ANY or RecordType.AXFR or RecordType.IXFR or RecordType.OPT or RecordType.TSIG
            or RecordType.TKEY or RecordType.MAILA or RecordType.MAILB || (ushort)type == 0)
        {
            throw RecordRequestException.BadRequest(parameter, $"{RecordTypeNames.ToText(type)} is a meta type, not zone data");
        }

        return type;
    }

    /// <summary>RDATA in presentation format, relative names completed with the zone's origin.</summary>
    public static Rdata ParseData(RecordType type, string? text, DnsName origin, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RecordRequestException.BadRequest(parameter, "missing");
        }

        try
        {
            return RdataFactory.Parse(type, RdataTextReader.FromString(text, origin));
        }
        catch (Exception ex) when (ex is RdataFormatException or FormatException or ArgumentException or OverflowException)
        {
            throw RecordRequestException.BadRequest(parameter, $"not valid {RecordTypeNames.ToText(type)} data: {ex.Message}");
        }
    }

    private static void RejectSoa(RecordType type, string parameter)
    {
        if (type == RecordType.SOA)
        {
            // The write path owns the SOA (RFC 2136 §3.6: the serial advances with every change).
            throw RecordRequestException.BadRequest(parameter, "the SOA is maintained by the server (its serial advances with every change); it is not edited as a record");
        }
    }

    /// <summary>The RRset that holds <paramref name="rr"/>; 404 when it is not in the zone.</summary>
    private static Rrset RequireRecord(ZoneSnapshot snapshot, ResourceRecord rr)
    {
        Rrset? set = snapshot.GetRrset(rr.Name, rr.Type);
        return set is not null && Contains(set, rr.Data) ? set
            : throw RecordRequestException.NotFound($"no record {Describe(rr)} in zone {snapshot.Origin}");
    }

    /// <summary>
    /// RFC 1034 §3.6.2, RFC 2181 §10.1: a CNAME has no other data beside it (DNSSEC records aside).
    /// The write path ignores such an add (RFC 2136 §3.4.2.2); the API says so instead: 409.
    /// <paramref name="replaced"/> is the record the same change deletes first.
    /// </summary>
    private static void CheckCname(ZoneSnapshot snapshot, ResourceRecord rr, ResourceRecord? replaced)
    {
        if (!snapshot.TryGetNode(rr.Name, out ZoneNode node))
        {
            return;
        }

        foreach (Rrset set in node.Rrsets)
        {
            bool goneAfter = replaced is not null && replaced.Name.Equals(rr.Name) && replaced.Type == set.Type && set.Count == 1;
            if (goneAfter || set.Type is RecordType.RRSIG or RecordType.NSEC || rr.Type is RecordType.RRSIG or RecordType.NSEC)
            {
                continue;
            }

            if ((rr.Type == RecordType.CNAME) != (set.Type == RecordType.CNAME))
            {
                throw RecordRequestException.Conflict(
                    $"{rr.Name} has {RecordTypeNames.ToText(set.Type)} data: a CNAME cannot share its name with other data (RFC 2181 §10.1)");
            }
        }
    }

    private static bool Contains(Rrset? set, Rdata data)
    {
        if (set is null)
        {
            return false;
        }

        byte[] wanted = CanonicalRdata.Of(data);
        foreach (ResourceRecord r in set.Records)
        {
            if (CanonicalRdata.Of(r.Data).AsSpan().SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(ResourceRecord rr) => $"{rr.Name} {RecordTypeNames.ToText(rr.Type)} {rr.Data}";
}
