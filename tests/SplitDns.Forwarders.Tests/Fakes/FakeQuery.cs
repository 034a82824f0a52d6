using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>One query a fake upstream received, and how.</summary>
public sealed record FakeQuery(string Transport, DnsMessage Message, int SourcePort)
{
    public string Name => Message.Questions[0].Name.ToString();
}
