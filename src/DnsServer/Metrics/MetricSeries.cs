namespace SplitDns.Server.Metrics;

/// <summary>One time series: a counter/gauge value, or histogram buckets. Updated lock-free.</summary>
internal sealed class MetricSeries
{
    /// <summary>Latency bucket bounds in seconds (Prometheus "le"), tuned for a LAN DNS server.</summary>
    public static readonly double[] Bounds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private long _sumBits;

    public MetricSeries(TagKey key, bool histogram)
    {
        Key = key;
        Buckets = histogram ? new long[Bounds.Length + 1] : null;
    }

    public TagKey Key { get; }

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
