using SplitDns.Blocking;
using SplitDns.Blocking.Parsing;

namespace SplitDns.Fuzz.Targets;

/// <summary>
/// The blocklist parsers (<c>ListParser</c> with the hosts, domain and AdBlock line rules) over
/// the same bytes in every format, then the index built from what they accepted and one lookup
/// in it. Nothing in a list is fatal: bad lines are counted, so nothing may be thrown.
/// </summary>
public static class BlocklistTarget
{
    private static readonly BlocklistFormat[] Formats =
        [BlocklistFormat.Auto, BlocklistFormat.Hosts, BlocklistFormat.Domains, BlocklistFormat.AdBlock];

    // "ads.example.com." in wire form: a name the seeds block in several ways.
    private static readonly byte[] Probe = [3, (byte)'a', (byte)'d', (byte)'s', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0];

    public static void Run(ReadOnlySpan<byte> data)
    {
        byte[] bytes = data.ToArray();
        foreach (BlocklistFormat format in Formats)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            ParsedList parsed = ListParser.Parse(stream, format, 0, bytes.Length);
            if (parsed.InvalidLines < parsed.Problems.Count)
            {
                throw new InvalidOperationException("more problems kept than invalid lines counted");
            }

            BlockingIndex index = parsed.Entries.Build();
            _ = index.Match(Probe, 1, 0);
        }
    }
}
