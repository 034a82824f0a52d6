using System.Net;
using System.Net.Sockets;
using SplitDns.Forwarders.Tests.Fakes;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Upstreams;

/// <summary>The pooled UDP transport over real loopback sockets.</summary>
public class UdpUpstreamTransportTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TryExchange_ConcurrentQueriesOnOneSocket_EachGetsItsOwnAnswer()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q =>
            FakeReply.Answer(Answers.A(q.Message, "192.0.2." + q.Name.Split('.')[0][1..]), TimeSpan.FromMilliseconds(50)));
        await using UdpUpstreamTransport udp = Create(upstream, new UdpSocketPoolOptions { Size = 1 });

        UpstreamExchange[] results = await Task.WhenAll(Enumerable.Range(1, 30)
            .Select(i => udp.TryExchangeAsync(Query($"q{i}.example."), s_timeout, CancellationToken.None).AsTask()));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(UpstreamAttemptStatus.Answered, results[i].Status);
            Assert.Equal($"192.0.2.{i + 1}", DnsMessage.Parse(results[i].Wire!).Answers[0].Data.ToString());
        }

        Assert.Single(upstream.Received.Select(q => q.SourcePort).Distinct());
    }

    [Fact]
    public async Task TryExchange_SocketWornOut_ReplacedByOneOnAnotherPort()
    {
        await using FakeUpstream upstream = FakeUpstream.Start();
        await using UdpUpstreamTransport udp = Create(upstream, new UdpSocketPoolOptions { Size = 1, MaxQueriesPerSocket = 5 });

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(UpstreamAttemptStatus.Answered, (await udp.TryExchangeAsync(Query($"r{i}.example."), s_timeout, CancellationToken.None)).Status);
        }

        int[] perPort = [.. upstream.Received.GroupBy(q => q.SourcePort).Select(g => g.Count())];
        Assert.True(perPort.Length >= 4, $"{perPort.Length} ports");
        Assert.All(perPort, n => Assert.True(n <= 5));
    }

    [Fact]
    public async Task TryExchange_PortClosed_RefusedAsValue()
    {
        IPEndPoint closed = ClosedPort();
        var spoofed = 0;
        await using var udp = new UdpUpstreamTransport(closed, new StreamUpstreamTransport(closed, null, null, () => { }, TimeSpan.FromSeconds(5)),
            () => Interlocked.Increment(ref spoofed), new UdpSocketPoolOptions { Size = 2 }, cookies: true);

        UpstreamExchange result = await udp.TryExchangeAsync(Query("refused.example."), s_timeout, CancellationToken.None);

        Assert.Equal(UpstreamAttemptStatus.Failed, result.Status);
        Assert.Equal(nameof(SocketException), result.ErrorKind);
        Assert.Equal(0, spoofed);
    }

    [Fact]
    public async Task TryExchange_SilentUpstream_TimedOutAndCancelledAsValues()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(_ => FakeReply.Silence);
        await using UdpUpstreamTransport udp = Create(upstream, new UdpSocketPoolOptions());
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        UpstreamExchange timedOut = await udp.TryExchangeAsync(Query("silent.example."), TimeSpan.FromMilliseconds(100), CancellationToken.None);
        UpstreamExchange gaveUp = await udp.TryExchangeAsync(Query("silent2.example."), s_timeout, cancelled.Token);

        Assert.Equal(UpstreamAttemptStatus.TimedOut, timedOut.Status);
        Assert.Equal(UpstreamAttemptStatus.Cancelled, gaveUp.Status);
    }

    [Fact]
    public async Task TryExchange_LateAnswerAfterTimeout_NotCountedAsSpoofed()
    {
        await using FakeUpstream upstream = FakeUpstream.Start(q => FakeReply.Answer(Answers.A(q.Message, "192.0.2.1"), TimeSpan.FromMilliseconds(300)));
        var spoofed = 0;
        await using var udp = new UdpUpstreamTransport(new IPEndPoint(upstream.Address, upstream.Port),
            new StreamUpstreamTransport(new IPEndPoint(upstream.Address, upstream.Port), null, null, () => { }, TimeSpan.FromSeconds(5)),
            () => Interlocked.Increment(ref spoofed), new UdpSocketPoolOptions { Size = 1 }, cookies: false);

        UpstreamExchange timedOut = await udp.TryExchangeAsync(Query("late.example."), TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await Task.Delay(600);
        UpstreamExchange next = await udp.TryExchangeAsync(Query("next.example."), s_timeout, CancellationToken.None);

        Assert.Equal(UpstreamAttemptStatus.TimedOut, timedOut.Status);
        Assert.Equal(UpstreamAttemptStatus.Answered, next.Status);
        Assert.Equal(0, spoofed);
    }

    internal static UpstreamQuery Query(string name) => UpstreamQuery.Create(TestResolvers.Q(name), false, false);

    internal static UdpUpstreamTransport Create(FakeUpstream upstream, UdpSocketPoolOptions pool, bool cookies = false, Action? onSpoofed = null)
    {
        var target = new IPEndPoint(upstream.Address, upstream.Port);
        return new UdpUpstreamTransport(target, new StreamUpstreamTransport(target, null, null, () => { }, TimeSpan.FromSeconds(5)),
            onSpoofed ?? (() => { }), pool, cookies);
    }

    /// <summary>A loopback UDP port nobody listens on: the kernel answers ICMP port unreachable.</summary>
    internal static IPEndPoint ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(FakeUpstream.NextAddress(), 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }
}
