using System.Buffers.Binary;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Cache;

/// <summary>
/// An upstream answer kept as encoded bytes (ID 0, no OPT) plus the offsets of every TTL field,
/// so serving it is a copy and a few patches: ID, flags, question case and TTLs counted down
/// (RFC 1035 §7.4 / RFC 2181 §8). TTLs are clamped once, at creation; negative answers live for
/// min(SOA TTL, SOA MINIMUM) (RFC 2308 §5).
/// </summary>
public sealed class CachedResponse
{
    /// <summary>Rough managed overhead per entry (objects, arrays, dictionary slot) for the byte bound.</summary>
    internal const int Overhead = 200;

    private readonly byte[] _wire;
    private readonly int[] _ttlOffsets;
    private readonly uint[] _ttls;
    private int _hits;
    private int _prefetching;

    private CachedResponse(byte[] wire, int[] ttlOffsets, uint[] ttls, DnsRcode rcode, uint lifetime, long createdAtMs, DnsName[] cnameTargets)
    {
        _wire = wire;
        CnameTargets = cnameTargets;
        _ttlOffsets = ttlOffsets;
        _ttls = ttls;
        Rcode = rcode;
        Ttl = lifetime;
        CreatedAtMs = createdAtMs;
    }

    public DnsRcode Rcode { get; }

    /// <summary>
    /// The targets of the answer's CNAME records, in order: the names the chain passes through
    /// (a blocking policy checks them: CNAME cloaking). Empty for most answers; found once, here.
    /// </summary>
    public IReadOnlyList<DnsName> CnameTargets { get; }

    /// <summary>Seconds this answer may be cached: the smallest (clamped) TTL in it; 0 means do not cache.</summary>
    public uint Ttl { get; }

    public long CreatedAtMs { get; }

    public long ExpiresAtMs => CreatedAtMs + (Ttl * 1000L);

    public int Length => _wire.Length;

    public int Size => _wire.Length + (_ttlOffsets.Length * 8) + Overhead;

    public bool IsCacheable => Ttl > 0;

    /// <summary>CLOCK reference bit: set on every hit, cleared when the eviction hand passes.</summary>
    internal bool Referenced { get; set; }

    public int Hits => Volatile.Read(ref _hits);

    internal int RecordHit()
    {
        Referenced = true;
        return Interlocked.Increment(ref _hits);
    }

    /// <summary>True for the one caller that gets to refresh this entry.</summary>
    internal bool TryBeginPrefetch() => Interlocked.Exchange(ref _prefetching, 1) == 0;

    /// <summary>Whole seconds of TTL left (0 once expired).</summary>
    public uint RemainingTtl(long nowMs)
    {
        long left = (ExpiresAtMs - nowMs) / 1000;
        return left > 0 ? (uint)left : 0;
    }

    /// <summary>Encodes an upstream answer for caching (and serving, even when not cacheable).</summary>
    public static CachedResponse Create(DnsMessage response, bool dnssecOk, ResponseCacheOptions options, long nowMs)
    {
        DnsQuestion question = response.Questions[0];
        uint negativeTtl = NegativeTtl(response, question, options, out bool negative);
        uint lifetime = negative ? negativeTtl : uint.MaxValue;
        var copy = new DnsMessage { Header = response.Header };
        copy.Header.Id = 0;
        copy.Header.AuthoritativeAnswer = false;
        copy.Header.Truncated = false;

        // RFC 6840 §5.8: AD only for clients that asked for DNSSEC data.
        copy.Header.AuthenticData = dnssecOk && response.Header.AuthenticData;
        copy.Questions.Add(question);
        Rewrite(response.Answers, copy.Answers, options, negative, negativeTtl, ref lifetime);
        Rewrite(response.Authority, copy.Authority, options, negative, negativeTtl, ref lifetime);
        Rewrite(response.Additional, copy.Additional, options, negative, negativeTtl, ref lifetime);
        if (lifetime == uint.MaxValue)
        {
            // No records and no SOA: RFC 2308 §5 says do not cache.
            lifetime = 0;
        }

        if (response.Rcode is not (DnsRcode.NoError or DnsRcode.NxDomain) || response.Header.Truncated)
        {
            lifetime = 0;
        }

        byte[] wire = copy.ToArray();
        int count = copy.Answers.Count + copy.Authority.Count + copy.Additional.Count;
        int[] offsets = new int[count];
        uint[] ttls = new uint[count];
        FindTtlOffsets(wire, offsets, ttls);
        return new CachedResponse(wire, offsets, ttls, response.Rcode, lifetime, nowMs, CnameTargetsOf(copy.Answers));
    }

    private static DnsName[] CnameTargetsOf(List<ResourceRecord> answers)
    {
        List<DnsName>? targets = null;
        foreach (ResourceRecord rr in answers)
        {
            if (rr.Data is CnameRdata cname)
            {
                (targets ??= []).Add(cname.Target);
            }
        }

        return targets is null ? [] : [.. targets];
    }

    /// <summary>
    /// Writes the answer for a client: ID, RD as asked, RA set, question name in the client's case,
    /// TTLs counted down by the age (or <paramref name="fixedTtl"/> for stale answers). Returns the
    /// length, or -1 when <paramref name="destination"/> is too small.
    /// </summary>
    public int WriteTo(Span<byte> destination, ushort id, ReadOnlySpan<byte> questionName, bool recursionDesired,
        long nowMs, uint fixedTtl = 0)
    {
        if (destination.Length < _wire.Length)
        {
            return -1;
        }

        _wire.CopyTo(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(destination[2..]);
        flags = (ushort)((flags | 0x8080) & ~0x0100);
        if (recursionDesired)
        {
            flags |= 0x0100;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], flags);
        if (questionName.Length > 0 && DnsHeader.Size + questionName.Length <= _wire.Length
            && _wire[DnsHeader.Size + questionName.Length - 1] == 0)
        {
            questionName.CopyTo(destination[DnsHeader.Size..]);
        }

        uint age = nowMs > CreatedAtMs ? (uint)((nowMs - CreatedAtMs) / 1000) : 0;
        for (int i = 0; i < _ttlOffsets.Length; i++)
        {
            uint ttl = fixedTtl != 0 ? fixedTtl : (_ttls[i] > age ? _ttls[i] - age : 0);
            BinaryPrimitives.WriteUInt32BigEndian(destination[_ttlOffsets[i]..], ttl);
        }

        return _wire.Length;
    }

    private static uint NegativeTtl(DnsMessage response, DnsQuestion question, ResponseCacheOptions options, out bool negative)
    {
        bool hasAnswer = false;
        foreach (ResourceRecord rr in response.Answers)
        {
            hasAnswer |= rr.Type == question.Type || question.Type == RecordType.ANY;
        }

        negative = response.Rcode == DnsRcode.NxDomain || (response.Rcode == DnsRcode.NoError && !hasAnswer);
        if (!negative)
        {
            return 0;
        }

        foreach (ResourceRecord rr in response.Authority)
        {
            if (rr.Data is SoaRdata soa)
            {
                // RFC 2308 §5: the lesser of the SOA's TTL and its MINIMUM field.
                uint ttl = Math.Min(Sanitize(rr.Ttl), soa.Minimum);
                return Math.Max(options.MinTtl, Math.Min(ttl, options.MaxNegativeTtl));
            }
        }

        return 0;
    }

    private static void Rewrite(List<ResourceRecord> from, List<ResourceRecord> to, ResponseCacheOptions options,
        bool negative, uint negativeTtl, ref uint lifetime)
    {
        foreach (ResourceRecord rr in from)
        {
            uint ttl = Math.Clamp(Sanitize(rr.Ttl), options.MinTtl, Math.Max(options.MinTtl, options.MaxTtl));
            if (negative && (rr.Type == RecordType.SOA || ttl > negativeTtl))
            {
                ttl = negativeTtl;
            }

            lifetime = Math.Min(lifetime, ttl);
            to.Add(rr.Ttl == ttl ? rr : rr.WithTtl(ttl));
        }
    }

    /// <summary>RFC 2181 §8: a TTL with the top bit set is treated as zero.</summary>
    private static uint Sanitize(uint ttl) => ttl > int.MaxValue ? 0 : ttl;

    private static void FindTtlOffsets(byte[] wire, int[] offsets, uint[] ttls)
    {
        var reader = new DnsReader(wire, DnsHeader.Size);
        reader.SkipName();
        reader.Skip(4);
        for (int i = 0; i < offsets.Length; i++)
        {
            reader.SkipName();
            reader.Skip(4);
            offsets[i] = reader.Position;
            ttls[i] = reader.ReadUInt32();
            reader.Skip(reader.ReadUInt16());
        }
    }
}
