using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SplitDns.Forwarders.Tests.Fakes;

namespace SplitDns.Forwarders.Tests;

public class ForwarderMetricsTests
{
    [Fact]
    public async Task Instruments_CountQueriesHitsMissesAndServerState()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using var resolver = ForwardingResolver.Create(TestResolvers.Options(upstream.Udp));
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, resolver.Metrics.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => totals.AddOrUpdate(i.Name, v, (_, old) => old + v));
        listener.SetMeasurementEventCallback<int>((i, v, _, _) => totals[i.Name] = v);
        listener.SetMeasurementEventCallback<double>((i, _, _, _) => totals.AddOrUpdate(i.Name, 1, (_, old) => old + 1));
        listener.Start();

        await resolver.Ask("m.example.");
        await resolver.Ask("m.example.");
        listener.RecordObservableInstruments();

        Assert.Equal(ForwarderMetrics.MeterName, resolver.Metrics.Meter.Name);
        Assert.Equal(1, totals["splitdns.forwarders.upstream.queries"]);
        Assert.Equal(1, totals["splitdns.forwarders.upstream.answers"]);
        Assert.Equal(1, totals["splitdns.forwarders.upstream.latency.seconds"]);
        Assert.Equal(1, totals["splitdns.forwarders.cache.misses"]);
        Assert.Equal(1, totals["splitdns.forwarders.cache.hits"]);
        Assert.Equal(1, totals["splitdns.forwarders.cache.entries"]);
        Assert.Equal(1, totals["splitdns.forwarders.upstream.up"]);
    }
}
