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
    private readonly Histogram<double> _commitDuration;
    private readonly ConcurrentDictionary<string, long> _journal = new(StringComparer.Ordinal);
    private readonly string[] _zones;
    private readonly bool _storeConfigured;
    private StoreHealth? _store;

    /// <summary>TSIG failure kinds as <see cref="DynamicZones.AdmitAsync"/> and the query path label them.</summary>
    private static readonly string[] s_tsigKinds = ["query", "update", "axfr", "ixfr", "notify"];

    /// <summary>The TSIG errors a verifier answers with (RFC 8945 §5.2, §5.3.2).</summary>
    private static readonly DnsRcode[] s_tsigErrors = [DnsRcode.BadKey, DnsRcode.BadSig, DnsRcode.BadTime, DnsRcode.BadTrunc];

    /// <summary>
    /// The (rcode, reason) pairs an UPDATE or transfer of a served zone can be refused with, as
    /// <see cref="UpdateHandler"/> and <see cref="TransferHandler"/> label them. "zone-section" and
    /// "not-authoritative" are left out: their zone label is whatever the client sent.
    /// </summary>
    private static readonly (DnsRcode Rcode, string Reason)[] s_refusals =
    [
        (DnsRcode.Refused, "policy"), (DnsRcode.NotZone, "not-zone"), (DnsRcode.FormErr, "format"),
        (DnsRcode.YxDomain, "prerequisite"), (DnsRcode.YxRrset, "prerequisite"), (DnsRcode.NxDomain, "prerequisite"),
        (DnsRcode.NxRrset, "prerequisite"), (DnsRcode.ServFail, "commit-failed"), (DnsRcode.ServFail, "store-unreachable"),
        (DnsRcode.Refused, "transfer-acl"),
    ];

    /// <param name="zones">The dynamic zones (their labels), whose error series start at 0.</param>
    /// <param name="storeConfigured">Without a store every UPDATE is refused "no-store".</param>
    public UpdateMetrics(IEnumerable<string>? zones = null, bool storeConfigured = true)
    {
        _zones = zones?.ToArray() ?? [];
        _storeConfigured = storeConfigured;
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
        _commitDuration = _meter.CreateHistogram<double>("splitdns.updates.commit.duration.seconds", "s",
            "Seconds from an UPDATE reaching the zone writer to its change being durable (queue, prerequisites, store commit)");
        _meter.CreateObservableGauge("splitdns.store.up", ObserveStore,
            description: "1 while the store can be reached, 0 while it cannot (queries keep being answered; updates fail)");
    }

    /// <summary>
    /// Adds 0 to every error series known in advance (TSIG failures by kind and error, refused
    /// updates per zone by rcode and reason), so they exist before the first error and
    /// Prometheus' <c>increase()</c> sees it (a series that first appears at 1 shows no increase).
    /// Called by the exporter once its listener runs: a measurement nobody listens to is lost.
    /// </summary>
    public void PublishZeroSeries()
    {
        foreach (string kind in s_tsigKinds)
        {
            foreach (DnsRcode error in s_tsigErrors)
            {
                _tsigFailures.Add(0, new("kind", kind), new("error", Protocol.Records.TsigRdata.ErrorToText((ushort)error)));
            }
        }

        foreach (string zone in _zones)
        {
            foreach ((DnsRcode rcode, string reason) in s_refusals)
            {
                _refused.Add(0, new("zone", zone), new("rcode", rcode.ToString()), new("reason", reason));
            }

            if (!_storeConfigured)
            {
                _refused.Add(0, new("zone", zone), new("rcode", nameof(DnsRcode.Refused)), new("reason", "no-store"));
            }
        }
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

    /// <summary>An UPDATE went through the writer (committed, a no-op or refused by its prerequisites).</summary>
    public void CommitDuration(string zone, double seconds) =>
        _commitDuration.Record(seconds, new KeyValuePair<string, object?>("zone", zone));

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
