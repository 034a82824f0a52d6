using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// The TTL state of one load, shared by every file on the $INCLUDE stack (as in BIND): $TTL,
/// the last explicit TTL, and the run of records at the current owner. Problems come back as
/// messages for the reader to place at a file position.
/// </summary>
internal sealed class ZoneTtlTracker
{
    /// <summary>RFC 2181 §8: a TTL with the top bit set is taken as zero (BIND warns and does so).</summary>
    public const uint MaxTtl = int.MaxValue;

    private readonly List<(RecordType Type, uint Ttl)> _runTtls = [];
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private DnsName? _runOwner;

    public static uint Limit(uint ttl, out string? warning)
    {
        warning = ttl <= MaxTtl ? null : $"TTL {ttl} is above 2147483647; using 0 (RFC 2181 §8)";
        return warning is null ? ttl : 0;
    }

    /// <summary>$TTL (RFC 2308 §4).</summary>
    public void SetDefault(uint ttl) => _defaultTtl = ttl;

    /// <summary>
    /// The TTL of a record: the explicit one; else $TTL; else the last explicit TTL (RFC 1035
    /// §5.1); else, for an SOA, its MINIMUM, which then becomes the default (BIND, with a
    /// warning); else <paramref name="fallback"/>; else an error.
    /// </summary>
    public bool TryResolve(uint? ttl, Rdata data, uint? fallback, out uint result, out string? warning, out string? error)
    {
        warning = null;
        error = null;
        if (ttl is { } explicitTtl)
        {
            _lastTtl = explicitTtl;
            result = explicitTtl;
            return true;
        }

        if ((_defaultTtl ?? _lastTtl) is { } inherited)
        {
            result = inherited;
            return true;
        }

        if (data is SoaRdata soa)
        {
            result = Math.Min(soa.Minimum, MaxTtl);
            _defaultTtl = result;
            warning = "no TTL specified; using the SOA MINIMUM instead (add $TTL, RFC 2308 §4)";
            return true;
        }

        if (fallback is { } value)
        {
            result = value;
            return true;
        }

        result = 0;
        error = "no TTL specified and no $TTL before this record (RFC 2308 §4)";
        return false;
    }

    /// <summary>
    /// RFC 2181 §5.2: an RRset has one TTL. Like BIND's loader, within a run of records at the
    /// same owner a later member takes the TTL of the first (with a warning), and that TTL
    /// becomes the current one. Members split across the file are left to <see cref="ZoneValidator"/>.
    /// </summary>
    public uint Unify(DnsName owner, RecordType type, uint ttl, out string? warning)
    {
        warning = null;
        if (_runOwner is not { } run || !run.Equals(owner))
        {
            _runOwner = owner;
            _runTtls.Clear();
        }

        if (type == RecordType.RRSIG)
        {
            // Signatures of different types share a TYPE but are separate sets (RFC 4034 §3).
            return ttl;
        }

        foreach ((RecordType seen, uint prior) in _runTtls)
        {
            if (seen == type)
            {
                if (prior != ttl)
                {
                    warning = $"TTL {ttl} set to {prior}, the TTL of the RRset's first record (RFC 2181 §5.2)";
                    _lastTtl = prior;
                }

                return prior;
            }
        }

        _runTtls.Add((type, ttl));
        return ttl;
    }
}
