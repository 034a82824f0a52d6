using System.Buffers.Binary;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// The HTTP freshness lifetime of a DoH answer (RFC 8484 §5.1): at most the smallest TTL in the
/// Answer section. A negative answer (NXDOMAIN, or NOERROR without answers: NODATA) is cached as
/// long as a resolver would cache it, the SOA's negative TTL: the lesser of the SOA record's TTL
/// and its MINIMUM field (RFC 2308 §5), and no longer than any CNAME in front of it. Errors
/// (SERVFAIL, REFUSED, FORMERR, NOTIMP…) and negative answers without an SOA get 0: a browser
/// must ask again rather than keep a transient failure.
/// </summary>
internal static class DohFreshness
{
    /// <summary>Seconds for <c>cache-control: max-age</c>; 0 for anything a cache must not keep.</summary>
    public static uint MaxAge(ReadOnlySpan<byte> response)
    {
        try
        {
            return Compute(response);
        }
        catch (DnsFormatException)
        {
            return 0;
        }
    }

    private static uint Compute(ReadOnlySpan<byte> response)
    {
        if (response.Length < DnsHeader.Size)
        {
            return 0;
        }

        var rcode = (DnsRcode)(response[3] & 0x0F);
        if (rcode is not (DnsRcode.NoError or DnsRcode.NxDomain))
        {
            return 0;
        }

        int questions = BinaryPrimitives.ReadUInt16BigEndian(response[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(response[6..]);
        int authority = BinaryPrimitives.ReadUInt16BigEndian(response[8..]);
        var reader = new DnsReader(response, DnsHeader.Size);
        for (int i = 0; i < questions; i++)
        {
            reader.SkipName();
            reader.Skip(4);
        }

        uint smallest = uint.MaxValue;
        for (int i = 0; i < answers; i++)
        {
            smallest = Math.Min(smallest, ReadRecord(ref reader, out _, out _));
        }

        if (rcode == DnsRcode.NoError && answers > 0)
        {
            return smallest;
        }

        // RFC 2308 §5: the negative TTL is min(SOA TTL, SOA MINIMUM).
        for (int i = 0; i < authority; i++)
        {
            uint ttl = ReadRecord(ref reader, out RecordType type, out uint minimum);
            if (type == RecordType.SOA)
            {
                return Math.Min(smallest, Math.Min(ttl, minimum));
            }
        }

        return 0;
    }

    /// <summary>Reads one record; returns its TTL and, for an SOA, its MINIMUM field.</summary>
    private static uint ReadRecord(ref DnsReader reader, out RecordType type, out uint minimum)
    {
        reader.SkipName();
        type = (RecordType)reader.ReadUInt16();
        reader.Skip(2);
        uint ttl = reader.ReadUInt32();
        int length = reader.ReadUInt16();
        ReadOnlySpan<byte> rdata = reader.ReadBytes(length);
        minimum = type == RecordType.SOA && length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(rdata[^4..]) : 0;

        // RFC 2181 §8: a TTL with the top bit set is read as 0.
        return ttl > int.MaxValue ? 0 : ttl;
    }
}
