using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Fuzz.Targets;

/// <summary>
/// The full message parser (<see cref="DnsMessage.Parse"/>): every section, every RR type's
/// RDATA, EDNS and TSIG. A message that parses is written back and parsed again, and its
/// records printed in presentation form, so the writer and the text forms see the same input.
/// Documented failure: <see cref="DnsFormatException"/>.
/// </summary>
public static class MessageTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(data);
        }
        catch (DnsFormatException)
        {
            return;
        }

        _ = message.ToString();
        foreach (ResourceRecord rr in message.Answers)
        {
            _ = rr.ToString();
        }

        byte[] wire = message.ToArray();
        DnsMessage again = DnsMessage.Parse(wire);
        if (!again.Header.Truncated && again.Questions.Count != message.Questions.Count)
        {
            throw new InvalidOperationException("a parsed message did not survive writing and parsing again");
        }
    }
}
