using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>Options with short timeouts so failure paths stay quick, and a settable clock.</summary>
public sealed class TestClock
{
    private long _nowMs = 1_000_000;

    public long NowMs => Volatile.Read(ref _nowMs);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);

    public Func<long> Func => () => NowMs;
}

public static class TestResolvers
{
    public static ForwardersOptions Options(params UpstreamEndpoint[] upstreams)
    {
        var options = new ForwardersOptions
        {
            TryTimeout = TimeSpan.FromMilliseconds(1000),
            Deadline = TimeSpan.FromMilliseconds(2500),
        };
        options.Upstream.AddRange(upstreams);
        options.Health.FailuresBeforeDown = 1;
        options.Health.ProbeInterval = TimeSpan.FromMilliseconds(200);
        options.Health.MaxProbeInterval = TimeSpan.FromMilliseconds(400);
        options.TrustedRoots = TestCertificates.Trust;
        return options;
    }

    public static DnsQuestion Q(string name, RecordType type = RecordType.A) => new(DnsName.Parse(name), type);

    public static ValueTask<ForwardResult> Ask(this ForwardingResolver resolver, string name, RecordType type = RecordType.A,
        bool dnssecOk = false, bool checkingDisabled = false) =>
        resolver.ResolveAsync(Q(name, type), dnssecOk, checkingDisabled, CancellationToken.None);

    /// <summary>Polls a condition for at most <paramref name="seconds"/> (bounded, for background state changes).</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, double seconds = 5)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(25);
        }

        return condition();
    }

    public static string FirstA(this ForwardResult result) => !result.Succeeded
        ? throw new Xunit.Sdk.XunitException($"forward failed: {result.Rcode} {result.ExtendedError} {result.ExtendedErrorText}")
        : result.ToMessage().Answers.First(a => a.Type == RecordType.A).Data.ToString();
}
