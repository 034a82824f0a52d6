namespace SplitDns.Server.Metrics;

/// <summary>One time series: a counter/gauge value, or histogram buckets. Updated lock-free.</summary>
internal sealed class MetricSeries
{
    /// <summary>Latency bucket bounds in seconds (Prometheus "le"), tuned for a LAN DNS server.</summary>
    public static readonly double[] LatencyBounds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    /// <summary>Bounds for counts and sizes (records or bytes per transfer): decades from 1 to 10^7.</summary>
    public static readonly double[] SizeBounds = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    private long _sumBits;

    /// <summary>
    /// Bucket bounds that fit an instrument's unit (UCUM: "s", anything else a count or size).
    /// Durations are in seconds, as Prometheus base units want; there is no "ms" instrument.
    /// </summary>
    public static double[] BoundsFor(string? unit) => unit switch
    {
        "s" => LatencyBounds,
        _ => SizeBounds,
    };

    /// <param name="bounds">Histogram bucket bounds; null for a counter or gauge.</param>
    public MetricSeries(TagKey key, double[]? bounds)
    {
        Key = key;
        Bounds = bounds ?? [];
        Buckets = bounds is null ? null : new long[bounds.Length + 1];
    }

    public TagKey Key { get; }

    /// <summary>This series' histogram bucket bounds (Prometheus "le"); empty for counters and gauges.</summary>
    public double[] Bounds { get; }

    public long[]? Buckets { get; }

    public long Value;

    public double Gauge;

    public double Sum => BitConverter.Int64BitsToDouble(Volatile.Read(ref _sumBits));

    public void Observe(double value)
    {
        int i = 0;
        while (i < Bounds.Length && value > Bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref Buckets![i]);
        AddSum(value);
    }

    /// <summary>Adds observations counted elsewhere: per-bucket counts (same bounds) and their sum.</summary>
    public void Merge(ReadOnlySpan<long> bucketCounts, double sum)
    {
        for (int i = 0; i < bucketCounts.Length && i < Buckets!.Length; i++)
        {
            Interlocked.Add(ref Buckets[i], bucketCounts[i]);
        }

        AddSum(sum);
    }

    private void AddSum(double value)
    {
        long seen = Volatile.Read(ref _sumBits);
        while (true)
        {
            long next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
            long found = Interlocked.CompareExchange(ref _sumBits, next, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }
}
