using System.Diagnostics.Metrics;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// Meter "SplitDns.QueryLog": entries by result (written, dropped: the queue was full,
/// sampled_out, failed: the store could not take them), the queue depth, and rows deleted by
/// retention. Observable instruments over plain counters, so every series exists from the start
/// at zero and the answering path only increments a field.
/// </summary>
public sealed class QueryLogMetrics : IDisposable
{
    public const string MeterName = "SplitDns.QueryLog";

    private long _written;
    private long _dropped;
    private long _sampledOut;
    private long _failed;
    private long _deleted;

    public QueryLogMetrics(Func<long> queueDepth)
    {
        Meter = new Meter(MeterName);
        Meter.CreateObservableCounter("splitdns.querylog.entries", ObserveEntries, "{entry}",
            "Query log entries by result: written, dropped (queue full), sampled_out, failed (store error)");
        Meter.CreateObservableGauge("splitdns.querylog.queue.depth", queueDepth, "{entry}", "Query log entries waiting for the writer");
        Meter.CreateObservableCounter("splitdns.querylog.retention.deleted", () => Volatile.Read(ref _deleted), "{row}",
            "Query log rows deleted for age (RetentionDays) or size (MaxRows)");
    }

    public Meter Meter { get; }

    public long Written => Volatile.Read(ref _written);

    public long Dropped => Volatile.Read(ref _dropped);

    public long SampledOut => Volatile.Read(ref _sampledOut);

    public long Failed => Volatile.Read(ref _failed);

    public long Deleted => Volatile.Read(ref _deleted);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddSampledOut() => Interlocked.Increment(ref _sampledOut);

    internal void AddWritten(int rows) => Interlocked.Add(ref _written, rows);

    internal void AddFailed(int rows) => Interlocked.Add(ref _failed, rows);

    internal void AddDeleted(long rows) => Interlocked.Add(ref _deleted, rows);

    private IEnumerable<Measurement<long>> ObserveEntries()
    {
        yield return new Measurement<long>(Written, new KeyValuePair<string, object?>("result", "written"));
        yield return new Measurement<long>(Dropped, new KeyValuePair<string, object?>("result", "dropped"));
        yield return new Measurement<long>(SampledOut, new KeyValuePair<string, object?>("result", "sampled_out"));
        yield return new Measurement<long>(Failed, new KeyValuePair<string, object?>("result", "failed"));
    }

    public void Dispose() => Meter.Dispose();
}
