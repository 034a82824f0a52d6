using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SplitDns.Server.Metrics;

/// <summary>
/// A small Prometheus text-format (0.0.4) exporter over a <see cref="MeterListener"/> that
/// listens to this server's own meters only: the server's, its forwarders' ("SplitDns.Forwarders"), its
/// updates' ("SplitDns.Updates"), its blocklists' ("SplitDns.Blocking") and its query log's ("SplitDns.QueryLog"). Counters become "_total" counters, up-down counters and observable
/// gauges become gauges, histograms get cumulative buckets with bounds fitting their unit.
/// Measurements update pre-created series without allocating once a label set has been seen.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly Lock _scrapeLock = new();
    private readonly DnsServerMetrics _metrics;

    public PrometheusExporter(DnsServerMetrics metrics, SplitDns.Forwarders.ForwardingResolver? forwarding = null,
        SplitDns.Server.Updates.UpdateMetrics? updates = null, SplitDns.Blocking.BlocklistCatalog? blocklists = null,
        SplitDns.Server.QueryLog.QueryLogRecorder? queryLog = null)
    {
        _metrics = metrics;
        Meter meter = metrics.Meter;
        Meter? forwarders = forwarding?.Metrics.Meter;
        Meter? updateMeter = updates?.Meter;
        Meter? blockingMeter = blocklists?.Meter;
        Meter? queryLogMeter = queryLog?.Metrics.Meter;

        // Meters are matched by instance, not name: several in-process servers (tests) stay apart.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) || ReferenceEquals(instrument.Meter, forwarders)
                || ReferenceEquals(instrument.Meter, updateMeter) || ReferenceEquals(instrument.Meter, blockingMeter)
                || ReferenceEquals(instrument.Meter, queryLogMeter))
            {
                var state = new InstrumentState(instrument);
                _states[instrument] = state;
                listener.EnableMeasurementEvents(instrument, state);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
        metrics.PublishZeroSeries();
        updates?.PublishZeroSeries();
        forwarding?.PublishZeroSeries();
    }

    /// <summary>Renders every series in the Prometheus text exposition format.</summary>
    public string Scrape()
    {
        var sb = new StringBuilder(4096);
        lock (_scrapeLock)
        {
            // The per-query counts are pre-bound counters until a reader publishes them.
            _metrics.PublishQueryCounts();
            if (_states.TryGetValue(_metrics.QueryDuration, out InstrumentState? duration))
            {
                _metrics.CollectQueryDurations(duration.MergeHistogram);
            }

            foreach (InstrumentState state in _states.Values)
            {
                state.BeginObserve();
            }

            _listener.RecordObservableInstruments();
            foreach (InstrumentState state in _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                state.Write(sb);
            }
        }

        ProcessMetrics.Write(sb);

        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private sealed class InstrumentState(Instrument instrument)
    {
        private readonly ConcurrentDictionary<TagKey, MetricSeries> _series = new();
        private readonly bool _histogram = instrument is Histogram<double> or Histogram<long>;
        private readonly double[] _bounds = MetricSeries.BoundsFor(instrument.Unit);
        private readonly bool _observable = instrument.IsObservable;
        private readonly bool _counter = instrument is Counter<long> or Counter<double> or ObservableCounter<long>;

        public string Name { get; } = PrometheusName(instrument);

        public void BeginObserve()
        {
            if (_observable)
            {
                // Zones that went away must disappear from the output.
                _series.Clear();
            }
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new TagKey(tags);
            if (!_series.TryGetValue(key, out MetricSeries? series))
            {
                series = _series.GetOrAdd(key, static (k, b) => new MetricSeries(k, b), _histogram ? _bounds : null);
            }

            if (_histogram)
            {
                series.Observe(value);
            }
            else if (_observable)
            {
                series.Gauge = value;
            }
            else
            {
                Interlocked.Add(ref series.Value, (long)value);
            }
        }

        /// <summary>Adds a histogram's growth counted elsewhere (bucket counts and sum) to the series of one transport.</summary>
        public void MergeHistogram(string transport, ReadOnlySpan<long> bucketDeltas, double sum)
        {
            ReadOnlySpan<KeyValuePair<string, object?>> tags = [new("transport", transport)];
            var key = new TagKey(tags);
            MetricSeries series = _series.GetOrAdd(key, static (k, b) => new MetricSeries(k, b), _bounds);
            series.Merge(bucketDeltas, sum);
        }

        public void Write(StringBuilder sb)
        {
            if (_series.IsEmpty)
            {
                return;
            }

            string type = _histogram ? "histogram" : _counter ? "counter" : "gauge";
            sb.Append("# HELP ").Append(Name).Append(' ').Append(instrument.Description ?? Name).Append('\n');
            sb.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (MetricSeries s in _series.Values.OrderBy(s => s.Key.GetHashCode()))
            {
                if (_histogram)
                {
                    WriteHistogram(sb, s);
                }
                else
                {
                    sb.Append(Name);
                    AppendLabels(sb, s.Key, null);
                    sb.Append(' ').Append(_observable ? Format(s.Gauge) : Volatile.Read(ref s.Value).ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        private void WriteHistogram(StringBuilder sb, MetricSeries s)
        {
            long cumulative = 0;
            for (int i = 0; i < s.Buckets!.Length; i++)
            {
                cumulative += Volatile.Read(ref s.Buckets[i]);
                string le = i < s.Bounds.Length ? s.Bounds[i].ToString("0.##########", CultureInfo.InvariantCulture) : "+Inf";
                sb.Append(Name).Append("_bucket");
                AppendLabels(sb, s.Key, le);
                sb.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            sb.Append(Name).Append("_sum");
            AppendLabels(sb, s.Key, null);
            sb.Append(' ').Append(Format(s.Sum)).Append('\n');
            sb.Append(Name).Append("_count");
            AppendLabels(sb, s.Key, null);
            sb.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        private static void AppendLabels(StringBuilder sb, TagKey key, string? le)
        {
            if (key.Count == 0 && le is null)
            {
                return;
            }

            sb.Append('{');
            for (int i = 0; i < key.Count; i++)
            {
                (string name, string value) = key[i];
                sb.Append(i > 0 ? "," : string.Empty).Append(name).Append("=\"");
                AppendEscaped(sb, value);
                sb.Append('"');
            }

            if (le is not null)
            {
                sb.Append(key.Count > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
            }

            sb.Append('}');
        }

        private static void AppendEscaped(StringBuilder sb, string value)
        {
            foreach (char c in value)
            {
                _ = c switch
                {
                    '\\' => sb.Append("\\\\"),
                    '"' => sb.Append("\\\""),
                    '\n' => sb.Append("\\n"),
                    _ => sb.Append(c),
                };
            }
        }

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string PrometheusName(Instrument instrument)
        {
            string name = instrument.Name.Replace('.', '_').Replace('-', '_');
            bool counter = instrument is Counter<long> or Counter<double> or ObservableCounter<long>;
            return counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        }
    }
}
