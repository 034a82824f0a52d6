using System.Diagnostics;
using System.Diagnostics.Metrics;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Metrics;

/// <summary>Receives a query-duration histogram's growth since the last collection, per transport.</summary>
internal delegate void QueryDurationSink(string transport, ReadOnlySpan<long> bucketDeltas, double sumSeconds);

/// <summary>
/// The per-query path: <see cref="RecordQuery"/> adds to pre-bound <see cref="QueryCounters"/>
/// instead of recording tagged measurements; readers publish what was counted since their last
/// read before they read (<see cref="PublishQueryCounts"/> into the query, request and truncated
/// instruments, <see cref="CollectQueryDurations"/> for the exporter's duration histogram), so
/// the exported series, labels and values are those the instruments gave before.
/// </summary>
public sealed partial class DnsServerMetrics
{
    private readonly QueryCounters _counters = new();
    private readonly Lock _publishLock = new();
    private readonly long[]?[] _publishedQueries = new long[]?[QueryCounters.MaxViews];
    private readonly long[] _publishedLatency = new long[QueryCounterStripe.Padding + (MetricLabels.TransportCount * (QueryCounterStripe.LatencyStride + 1))];

    /// <summary>The query duration histogram, which only <see cref="CollectQueryDurations"/> feeds.</summary>
    internal Instrument QueryDuration => _duration;

    public void RecordQuery(QueryContext ctx, bool truncated)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(ctx.ReceivedAt);
        string view = ctx.ViewName;
        if (!_counters.Record(ctx.Transport, ctx.QuestionType, ctx.Rcode, view, elapsed, truncated))
        {
            // A rare QTYPE or RCODE: straight through the instruments, into the same series.
            string transport = MetricLabels.Transport(ctx.Transport);
            string rcode = MetricLabels.Rcode(ctx.Rcode);
            var tags = new TagList
            {
                { "transport", transport },
                { "qtype", MetricLabels.QType(ctx.QuestionType) },
                { "rcode", rcode },
                { "view", view },
            };
            _queries.Add(1, in tags);
            AddRequests(1, transport, rcode);
        }
    }

    /// <summary>
    /// Adds the queries, QUERY requests and truncated responses counted since the last call to
    /// their instruments, so every listener sees them. Called by readers (the exporter's scrape,
    /// the stats sampler) before they read; cheap (a few thousand cells at most), never per query.
    /// </summary>
    public void PublishQueryCounts()
    {
        lock (_publishLock)
        {
            Span<long> requests = stackalloc long[MetricLabels.TransportCount * QueryCounters.RcodeCount];
            requests.Clear();
            int views = _counters.ViewCount;
            for (int slot = 0; slot < views; slot++)
            {
                long[] published = _publishedQueries[slot] ??= new long[QueryCounters.CellsPerView];
                for (int t = 0; t < MetricLabels.TransportCount; t++)
                {
                    for (int q = 0; q < QueryCounters.QTypeCount; q++)
                    {
                        for (int r = 0; r < QueryCounters.RcodeCount; r++)
                        {
                            int cell = QueryCounters.Cell(t, q, r);
                            long delta = _counters.QueryTotal(slot, cell) - published[cell];
                            if (delta == 0)
                            {
                                continue;
                            }

                            published[cell] += delta;
                            requests[(t * QueryCounters.RcodeCount) + r] += delta;
                            var tags = new TagList
                            {
                                { "transport", TransportLabel(t) },
                                { "qtype", MetricLabels.QType(QueryCounters.QType(q)) },
                                { "rcode", MetricLabels.Rcode((DnsRcode)r) },
                                { "view", _counters.ViewName(slot) },
                            };
                            _queries.Add(delta, in tags);
                        }
                    }
                }
            }

            for (int i = 0; i < requests.Length; i++)
            {
                if (requests[i] != 0)
                {
                    AddRequests(requests[i], TransportLabel(i / QueryCounters.RcodeCount), MetricLabels.Rcode((DnsRcode)(i % QueryCounters.RcodeCount)));
                }
            }

            for (int t = 0; t < MetricLabels.TransportCount; t++)
            {
                long delta = TakeLatencyDelta(QueryCounterStripe.TruncatedCell(t));
                if (delta != 0)
                {
                    _truncated.Add(delta, new KeyValuePair<string, object?>("transport", TransportLabel(t)));
                }
            }
        }
    }

    /// <summary>
    /// Hands the duration histogram's growth since the last call to <paramref name="sink"/>, per
    /// transport that had queries. One consumer only (the exporter): each call takes the growth.
    /// </summary>
    internal void CollectQueryDurations(QueryDurationSink sink)
    {
        lock (_publishLock)
        {
            Span<long> deltas = stackalloc long[QueryCounterStripe.LatencyStride - 1];
            for (int t = 0; t < MetricLabels.TransportCount; t++)
            {
                int first = QueryCounterStripe.Padding + (t * QueryCounterStripe.LatencyStride);
                long count = 0;
                for (int i = 0; i < deltas.Length; i++)
                {
                    deltas[i] = TakeLatencyDelta(first + i);
                    count += deltas[i];
                }

                long ticks = TakeLatencyDelta(first + deltas.Length);
                if (count != 0)
                {
                    sink(TransportLabel(t), deltas, ticks / (double)TimeSpan.TicksPerSecond);
                }
            }
        }
    }

    private long TakeLatencyDelta(int cell)
    {
        long total = _counters.LatencyTotal(cell);
        long delta = total - _publishedLatency[cell];
        _publishedLatency[cell] = total;
        return delta;
    }

    private void AddRequests(long count, string transport, string rcode)
    {
        var tags = new TagList
        {
            { "opcode", MetricLabels.Opcode(DnsOpcode.Query) },
            { "transport", transport },
            { "rcode", rcode },
        };
        _requests.Add(count, in tags);
    }

    private static string TransportLabel(int transport) => MetricLabels.Transport((DnsTransport)transport);
}
