using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Metrics;

/// <summary>
/// The per-query counters, pre-bound: recording a query is a few array index computations and
/// interlocked adds into the calling thread's stripe (no tags, no listener callback, no dictionary),
/// and the totals are summed over the stripes when the metrics are read
/// (<see cref="DnsServerMetrics.PublishQueryCounts"/>). A query's series is its view slot (one per
/// view name instance, up to <see cref="MaxViews"/>), transport, one of <see cref="QTypeCount"/>
/// common QTYPEs and a header RCODE (below 16); any other query is counted through the
/// instruments by the caller, into the same exported series.
/// </summary>
internal sealed class QueryCounters
{
    /// <summary>View name instances with their own slot; a query of any further one takes the slow path.</summary>
    public const int MaxViews = 64;

    /// <summary>Header RCODEs (4 bits) get a cell each; extended RCODEs take the slow path.</summary>
    public const int RcodeCount = 16;

    private const int MaxStripes = 64;

    private static readonly RecordType[] s_types =
    [
        RecordType.A, RecordType.NS, RecordType.CNAME, RecordType.SOA, RecordType.PTR, RecordType.MX,
        RecordType.TXT, RecordType.AAAA, RecordType.SRV, RecordType.NAPTR, RecordType.DS, RecordType.DNSKEY,
        RecordType.SVCB, RecordType.HTTPS, RecordType.CAA, RecordType.ANY,
    ];

    // QTYPE value → index in s_types plus one (0: not a pre-bound type).
    private static readonly byte[] s_typeSlots = BuildTypeSlots();

    [ThreadStatic]
    private static int t_stripeSeed;
    private static int s_nextSeed;

    private readonly QueryCounterStripe[] _stripes;
    private readonly int _stripeMask;
    private readonly string?[] _views = new string?[MaxViews];
    private readonly Lock _viewLock = new();
    private int _viewCount;

    public QueryCounters()
    {
        int count = (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _stripes = new QueryCounterStripe[count];
        for (int i = 0; i < count; i++)
        {
            _stripes[i] = new QueryCounterStripe(MaxViews);
        }

        _stripeMask = count - 1;
    }

    public static int QTypeCount => s_types.Length;

    /// <summary>Query-count cells per view slot: transport × QTYPE × RCODE.</summary>
    public static int CellsPerView => MetricLabels.TransportCount * s_types.Length * RcodeCount;

    /// <summary>Slots handed out so far (views seen); slot i keeps its name for good.</summary>
    public int ViewCount => Volatile.Read(ref _viewCount);

    public static RecordType QType(int index) => s_types[index];

    public static int Cell(int transport, int qtype, int rcode) => (((transport * s_types.Length) + qtype) * RcodeCount) + rcode;

    public string ViewName(int slot) => _views[slot]!;

    /// <summary>
    /// Counts one answered query: its latency bucket, latency sum and truncation always; its
    /// query series when it has one here (false: the caller counts the query and request itself).
    /// </summary>
    public bool Record(DnsTransport transport, RecordType qtype, DnsRcode rcode, string view, TimeSpan elapsed, bool truncated)
    {
        int t = (uint)transport < (uint)MetricLabels.TransportCount ? (int)transport : 0;
        QueryCounterStripe stripe = CurrentStripe();
        long[] latency = stripe.Latency;
        double seconds = elapsed.TotalSeconds;
        double[] bounds = MetricSeries.LatencyBounds;
        int bucket = 0;
        while (bucket < bounds.Length && seconds > bounds[bucket])
        {
            bucket++;
        }

        int first = QueryCounterStripe.Padding + (t * QueryCounterStripe.LatencyStride);
        Interlocked.Increment(ref latency[first + bucket]);
        Interlocked.Add(ref latency[first + QueryCounterStripe.LatencyStride - 1], elapsed.Ticks);
        if (truncated)
        {
            Interlocked.Increment(ref latency[QueryCounterStripe.TruncatedCell(t)]);
        }

        int type = (ushort)qtype < s_typeSlots.Length ? s_typeSlots[(ushort)qtype] - 1 : -1;
        if (type < 0 || (ushort)rcode >= RcodeCount)
        {
            return false;
        }

        int slot = ViewSlot(view);
        if (slot < 0)
        {
            return false;
        }

        long[] counts = stripe.ViewOrCreate(slot, CellsPerView);
        Interlocked.Increment(ref counts[QueryCounterStripe.Padding + Cell(t, type, (int)rcode)]);
        return true;
    }

    /// <summary>A query cell's total over all stripes (monotonic: every cell only grows).</summary>
    public long QueryTotal(int slot, int cell)
    {
        long sum = 0;
        foreach (QueryCounterStripe stripe in _stripes)
        {
            if (stripe.View(slot) is { } counts)
            {
                sum += Volatile.Read(ref counts[QueryCounterStripe.Padding + cell]);
            }
        }

        return sum;
    }

    /// <summary>A latency block cell's total over all stripes (see <see cref="QueryCounterStripe.Latency"/>).</summary>
    public long LatencyTotal(int cell)
    {
        long sum = 0;
        foreach (QueryCounterStripe stripe in _stripes)
        {
            sum += Volatile.Read(ref stripe.Latency[cell]);
        }

        return sum;
    }

    private QueryCounterStripe CurrentStripe()
    {
        int seed = t_stripeSeed;
        if (seed == 0)
        {
            seed = t_stripeSeed = Interlocked.Increment(ref s_nextSeed);
        }

        return _stripes[seed & _stripeMask];
    }

    // View names are the views' own string instances (and the "default" literal), so a reference
    // scan over a handful of slots finds them; a new instance (a reloaded view) gets a new slot.
    private int ViewSlot(string view)
    {
        int count = Volatile.Read(ref _viewCount);
        string?[] views = _views;
        for (int i = 0; i < count; i++)
        {
            if (ReferenceEquals(views[i], view))
            {
                return i;
            }
        }

        return AddView(view);
    }

    private int AddView(string view)
    {
        lock (_viewLock)
        {
            int count = _viewCount;
            for (int i = 0; i < count; i++)
            {
                if (ReferenceEquals(_views[i], view))
                {
                    return i;
                }
            }

            if (count == MaxViews)
            {
                return -1;
            }

            _views[count] = view;
            Volatile.Write(ref _viewCount, count + 1);
            return count;
        }
    }

    private static byte[] BuildTypeSlots()
    {
        var slots = new byte[512];
        for (int i = 0; i < s_types.Length; i++)
        {
            slots[(ushort)s_types[i]] = (byte)(i + 1);
        }

        return slots;
    }
}
