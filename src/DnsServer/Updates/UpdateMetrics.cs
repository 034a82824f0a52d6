using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Updates;

/// <summary>
/// Meter "SplitDns.Updates": updates applied and refused (by reason), TSIG failures (by error),
/// transfers (by kind) with their sizes, journal length per zone, and the store: reachable or
/// not, catch-ups from other replicas' commits and how long those took to arrive here.
/// </summary>
public sealed class UpdateMetrics : IDisposable
{
    public const string MeterName = "SplitDns.Updates";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _applied;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _tsigFailures;
    private readonly Counter<long> _transfers;
    private readonly Histogram<long> _transferRecords;
    private readonly Histogram<long> _transferBytes;
    private readonly Counter<long> _catchUps;
    private readonly Histogram<double> _propagation;
    private readonly ConcurrentDictionary<string, long> _journal = new(StringComparer.Ordinal);
    private StoreHealth? _store;

    public UpdateMetrics()
    {
        _applied = _meter.CreateCounter<long>("splitdns.updates.applied", description: "UPDATE messages answered NOERROR (changed or not)");
        _refused = _meter.CreateCounter<long>("splitdns.updates.refused", description: "UPDATE messages answered with an error, by reason");
        _tsigFailures = _meter.CreateCounter<long>("splitdns.tsig.failures", description: "Requests failing TSIG, by error");
        _transfers = _meter.CreateCounter<long>("splitdns.transfers", description: "Zone transfers served, by kind");
        _transferRecords = _meter.CreateHistogram<long>("splitdns.transfer.records", "{record}", "Records per transfer");
        _transferBytes = _meter.CreateHistogram<long>("splitdns.transfer.bytes", "By", "Bytes per transfer");
        _meter.CreateObservableGauge("splitdns.journal.length", ObserveJournal, "{row}", "Journal rows kept per zone");
        _catchUps = _meter.CreateCounter<long>("splitdns.store.catchup.rows", "{row}", "Journal rows committed by another replica and applied here");
        _propagation = _meter.CreateHistogram<double>("splitdns.store.propagation.seconds", "s",
            "Seconds from another replica's commit to its change being served here");
        _meter.CreateObservableGauge("splitdns.store.up", ObserveStore,
            description: "1 while the store can be reached, 0 while it cannot (queries keep being answered; updates fail)");
    }

    /// <summary>The store health the <c>splitdns.store.up</c> gauge reports.</summary>
    public void Observe(StoreHealth store) => _store = store;

    public void CaughtUp(string zone, int rows, double seconds)
    {
        _catchUps.Add(rows, new KeyValuePair<string, object?>("zone", zone));
        _propagation.Record(Math.Max(0, seconds), new KeyValuePair<string, object?>("zone", zone));
    }

    /// <summary>The meter the Prometheus exporter listens to (one per server instance).</summary>
    public Meter Meter => _meter;

    public void Applied(string zone, bool changed) =>
        _applied.Add(1, new("zone", zone), new("changed", changed));

    public void Refused(string zone, DnsRcode rcode, string reason) =>
        _refused.Add(1, new("zone", zone), new("rcode", rcode.ToString()), new("reason", reason));

    public void TsigFailure(string kind, DnsRcode error) =>
        _tsigFailures.Add(1, new("kind", kind), new("error", Protocol.Records.TsigRdata.ErrorToText((ushort)error)));

    public void Transfer(string zone, string kind, long records, long bytes)
    {
        _transfers.Add(1, new("zone", zone), new("kind", kind));
        _transferRecords.Record(records, new KeyValuePair<string, object?>("kind", kind));
        _transferBytes.Record(bytes, new KeyValuePair<string, object?>("kind", kind));
    }

    public void JournalLength(string zone, long rows) => _journal[zone] = rows;

    private IEnumerable<Measurement<long>> ObserveJournal()
    {
        foreach (var (zone, rows) in _journal)
        {
            yield return new Measurement<long>(rows, new KeyValuePair<string, object?>("zone", zone));
        }
    }

    private IEnumerable<Measurement<int>> ObserveStore()
    {
        if (_store is { Configured: true } store)
        {
            yield return new Measurement<int>(store.IsUp ? 1 : 0);
        }
    }

    public void Dispose() => _meter.Dispose();
}
