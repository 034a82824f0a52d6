namespace SplitDns.Server.Metrics;

/// <summary>
/// One stripe of <see cref="QueryCounters"/>: plain <see cref="long"/> cells that the threads
/// mapped to this stripe add to with one interlocked add each (uncontended in practice: a stripe
/// per receive thread). One block of query counts per view slot, created on the view's first
/// query on this stripe, and one block for latency buckets, latency sums and truncated responses.
/// Every block is padded on both sides so two stripes never share a cache line.
/// </summary>
internal sealed class QueryCounterStripe
{
    /// <summary>Cells before the first counter and after the last one (a 64-byte cache line each side).</summary>
    public const int Padding = 8;

    /// <summary>Latency cells per transport: one per bucket (bounds plus "+Inf") and the sum in <see cref="TimeSpan"/> ticks.</summary>
    public static readonly int LatencyStride = MetricSeries.LatencyBounds.Length + 2;

    private readonly long[]?[] _views;

    public QueryCounterStripe(int maxViews)
    {
        _views = new long[]?[maxViews];
        Latency = new long[Padding + (MetricLabels.TransportCount * (LatencyStride + 1)) + Padding];
    }

    /// <summary>
    /// Per transport (<see cref="LatencyStride"/> cells each, from <see cref="Padding"/>): the
    /// bucket counts, then the sum of durations in ticks; after every transport's block, the truncated
    /// responses per transport.
    /// </summary>
    public long[] Latency { get; }

    /// <summary>Index of the truncated-responses cell of a transport (its <see cref="Resolution.DnsTransport"/> value) in <see cref="Latency"/>.</summary>
    public static int TruncatedCell(int transport) => Padding + (MetricLabels.TransportCount * LatencyStride) + transport;

    /// <summary>The view slot's query counts on this stripe, or null before its first query here.</summary>
    public long[]? View(int slot) => Volatile.Read(ref _views[slot]);

    /// <summary>The view slot's query counts on this stripe, created on first use.</summary>
    public long[] ViewOrCreate(int slot, int cells) => Volatile.Read(ref _views[slot]) ?? Create(slot, cells);

    private long[] Create(int slot, int cells)
    {
        var block = new long[Padding + cells + Padding];
        return Interlocked.CompareExchange(ref _views[slot], block, null) ?? block;
    }
}
