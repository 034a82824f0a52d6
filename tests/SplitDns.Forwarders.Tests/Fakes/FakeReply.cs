using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>What a fake upstream does with one query: send these packets (in order) after a delay, or stay silent.</summary>
public sealed record FakeReply(IReadOnlyList<byte[]> Packets, TimeSpan Delay)
{
    public static FakeReply? Silence => null;

    public static FakeReply Answer(DnsMessage response, TimeSpan delay = default) => new([response.ToArray()], delay);

    public static FakeReply Raw(params byte[][] packets) => new(packets, TimeSpan.Zero);
}
