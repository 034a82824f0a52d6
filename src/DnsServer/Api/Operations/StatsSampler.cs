using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using SplitDns.Forwarders;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Api.Operations;

/// <summary>
/// The dashboard's numbers from the server's own instruments: a <see cref="MeterListener"/> on
/// this server's meters (matched by instance, as the Prometheus exporter does) adds the client
/// query, blocked and cache hit/miss counters into totals (one interlocked add, no allocation), and
/// a timer samples the query total every <see cref="Interval"/> so queries per second is the rate
/// over the last interval, computed off the answering path.
/// </summary>
public sealed class StatsSampler : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly MeterListener _listener = new();
    private readonly DnsServerMetrics _metrics;
    private readonly Total _queries = new();
    private readonly Total _blocked = new();
    private readonly Total _cacheHits = new();
    private readonly Total _cacheMisses = new();
    private readonly Lock _sampleLock = new();
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private (long At, long Queries) _previous;
    private (long At, long Queries) _latest;
    private int _samples;
    private PeriodicTimer? _timer;
    private Task _loop = Task.CompletedTask;

    public StatsSampler(DnsServerMetrics metrics, ForwardingResolver forwarding)
    {
        _metrics = metrics;
        Meter server = metrics.Meter;
        Meter forwarders = forwarding.Metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            Total? total = ReferenceEquals(instrument.Meter, server) ? instrument.Name switch
            {
                "splitdns.dns.queries" => _queries,
                "splitdns.dns.blocked" => _blocked,
                _ => null,
            }
            : ReferenceEquals(instrument.Meter, forwarders) ? instrument.Name switch
            {
                "splitdns.forwarders.cache.hits" => _cacheHits,
                "splitdns.forwarders.cache.misses" => _cacheMisses,
                _ => null,
            }
            : null;
            if (total is not null)
            {
                listener.EnableMeasurementEvents(instrument, total);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => Interlocked.Add(ref ((Total)state!).Value, value));
        _listener.Start();
    }

    public long Queries
    {
        get
        {
            _metrics.PublishQueryCounts(); // the per-query counts reach the instruments when read
            return Volatile.Read(ref _queries.Value);
        }
    }

    public long Blocked => Volatile.Read(ref _blocked.Value);

    public long CacheHits => Volatile.Read(ref _cacheHits.Value);

    public long CacheMisses => Volatile.Read(ref _cacheMisses.Value);

    /// <summary>Client queries per second over the last sampling interval (since start until two samples exist).</summary>
    public double QueriesPerSecond
    {
        get
        {
            lock (_sampleLock)
            {
                if (_samples >= 2)
                {
                    double seconds = Stopwatch.GetElapsedTime(_previous.At, _latest.At).TotalSeconds;
                    return seconds > 0 ? (_latest.Queries - _previous.Queries) / seconds : 0;
                }
            }

            double elapsed = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
            return elapsed > 0 ? Queries / elapsed : 0;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval);
        _loop = SampleAsync(_timer);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await _loop.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _listener.Dispose();
    }

    private async Task SampleAsync(PeriodicTimer timer)
    {
        Sample();
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            Sample();
        }
    }

    private void Sample()
    {
        lock (_sampleLock)
        {
            _previous = _latest;
            _latest = (Stopwatch.GetTimestamp(), Queries);
            _samples++;
        }
    }

    private sealed class Total
    {
        public long Value;
    }
}
