using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders.Tests;

/// <summary>
/// Chaos (issue 12 item 7): the first upstream flaps between answering, silent and refused
/// during a bounded stream of queries; the second always answers.
/// </summary>
public class UpstreamFlappingTests
{
    private static readonly FlapMode[] s_phases =
        [FlapMode.Up, FlapMode.Silent, FlapMode.Up, FlapMode.Refused, FlapMode.Up, FlapMode.Silent, FlapMode.Refused, FlapMode.Up];

    [Fact]
    public async Task Flapping_FirstUpstream_EveryQueryAnsweredDownUpTrackedMetricsConsistent()
    {
        await using FlappingUpstream flapper = FlappingUpstream.Start();
        await using FakeUpstream steady = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.2")));
        ForwardersOptions options = TestResolvers.Options(flapper.Udp, steady.Udp);
        // Generous for a loaded CI machine: an answering phase must not see a late answer as a failure.
        options.TryTimeout = TimeSpan.FromMilliseconds(1500);
        options.Deadline = TimeSpan.FromSeconds(5);
        options.Health.FailuresBeforeDown = 2;
        options.Health.ProbeInterval = TimeSpan.FromMilliseconds(100);
        options.Health.MaxProbeInterval = TimeSpan.FromMilliseconds(200);
        using var logs = new RecordingLoggerFactory();
        await using var resolver = ForwardingResolver.Create(options, logs);
        UpstreamServer first = resolver.Upstream!.Servers[0];
        UpstreamServer second = resolver.Upstream.Servers[1];
        ConcurrentDictionary<string, long> counts = Listen(resolver);
        var results = new List<ForwardResult>();
        var states = new List<string>();

        for (int phase = 0; phase < s_phases.Length; phase++)
        {
            flapper.Set(s_phases[phase]);
            if (s_phases[phase] == FlapMode.Up)
            {
                // Brought back by the health probe (or the answering tries), within a bounded wait.
                Assert.True(await TestResolvers.EventuallyAsync(() => first.IsUp, 10), $"phase {phase}: not up again");
            }

            for (int batch = 0; batch < 5; batch++)
            {
                // New names (misses) and one repeated name (cache hits once answered).
                results.AddRange(await Task.WhenAll(Enumerable.Range(0, 4)
                    .Select(i => resolver.Ask($"p{phase}b{batch}n{i}.flap.example.").AsTask())
                    .Append(resolver.Ask("same.flap.example.").AsTask())));
            }

            states.Add($"{s_phases[phase]}:{(first.IsUp ? "up" : "down")}");
        }

        // Every query answered, by one upstream or the cache; nothing escaped as an internal error.
        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Rcode} {r.ExtendedError} {r.ExtendedErrorText}"));
        Assert.All(results, r => Assert.Contains(r.FirstA(), new[] { "192.0.2.1", "192.0.2.2" }));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("4108 ", StringComparison.Ordinal));

        // Marked down in every failing phase, up in every answering one.
        Assert.Equal(["Up:up", "Silent:down", "Up:up", "Refused:down", "Up:up", "Silent:down", "Refused:down", "Up:up"], states);
        Assert.True(second.IsUp);

        // Every try to the flapping server ended in exactly one of answer, timeout or error;
        // both failure kinds were seen; nothing was counted as spoofed.
        string a = first.Label;
        string b = second.Label;
        Assert.True(await TestResolvers.EventuallyAsync(() =>
            Count(counts, "queries", a) == Count(counts, "answers", a) + Count(counts, "timeouts", a) + Count(counts, "errors", a), 5));
        Assert.True(Count(counts, "timeouts", a) >= 2);
        Assert.True(Count(counts, "errors", a) >= 2);
        // At most what it sent: an answer slower than the try timeout is dropped as late (on a loaded machine).
        Assert.True(Count(counts, "answers", a) <= flapper.Answered);
        Assert.Equal(Count(counts, "queries", b), Count(counts, "answers", b));
        Assert.Equal(steady.Received.Count, Count(counts, "queries", b));
        Assert.Equal(0, Count(counts, "spoofed", a) + Count(counts, "spoofed", b));
    }

    private static long Count(ConcurrentDictionary<string, long> counts, string instrument, string server) =>
        counts.GetValueOrDefault($"splitdns.forwarders.upstream.{instrument}|{server}");

    /// <summary>Per-server counter totals, keyed "instrument|server".</summary>
    private static ConcurrentDictionary<string, long> Listen(ForwardingResolver resolver)
    {
        var totals = new ConcurrentDictionary<string, long>();
        var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, resolver.Metrics.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "server")
                {
                    totals.AddOrUpdate($"{i.Name}|{tag.Value}", v, (_, old) => old + v);
                }
            }
        });
        listener.Start();
        return totals;
    }
}
