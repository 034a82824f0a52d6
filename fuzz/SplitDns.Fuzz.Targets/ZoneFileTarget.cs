using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Fuzz.Targets;

/// <summary>
/// The master-file parser the zone-file loader uses (<see cref="ZoneFileParser"/>, RFC 1035 §5)
/// with every RR type's text reader, then the validator, over UTF-8 text with origin
/// <c>example.com.</c>. $INCLUDE is off (a fuzzer must not read the file system). Bad input is
/// reported as errors in the result, never thrown; each parsed record is written to wire form
/// and read back, as a zone load followed by a transfer would (a message that
/// carries such records may be refused with <see cref="DnsFormatException"/>).
/// </summary>
public static class ZoneFileTarget
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly ZoneParseOptions Options = new() { AllowInclude = false, MaxErrors = 100 };

    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        ZoneParseResult result = ZoneFileParser.ParseText(text, "fuzz.zone", Origin, Options);
        foreach (ZoneFileError e in result.Errors)
        {
            _ = e.ToString();
        }

        if (result.Records.Count == 0)
        {
            return;
        }

        _ = ZoneValidator.Validate(Origin, result.Records);
        var message = new DnsMessage();
        message.Answers.AddRange(result.Records);
        byte[] wire = message.ToArray();
        try
        {
            _ = DnsMessage.Parse(wire);
        }
        catch (DnsFormatException)
        {
            // A zone may hold types a message section may not (OPT, TSIG as plain data): not a bug here.
        }
        foreach (ResourceRecord rr in result.Records)
        {
            _ = rr.ToString();
        }
    }
}
