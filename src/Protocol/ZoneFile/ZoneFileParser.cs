using System.Runtime.CompilerServices;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Reads a whole master file into a <see cref="ZoneParseResult"/>. For files too large to keep
/// as a list, stream with <see cref="ZoneFileReader"/> instead.
/// </summary>
public static class ZoneFileParser
{
    /// <summary>Parses the file at <paramref name="path"/>; <paramref name="origin"/> null means the root.</summary>
    public static ZoneParseResult Parse(string path, DnsName? origin, ZoneParseOptions? options = null)
    {
        using var reader = new ZoneFileReader(path, origin, options);
        return Collect(reader);
    }

    /// <summary>Parses text from <paramref name="text"/>, named <paramref name="fileName"/> in errors and for $INCLUDE.</summary>
    public static ZoneParseResult Parse(TextReader text, string fileName, DnsName? origin, ZoneParseOptions? options = null)
    {
        using var reader = new ZoneFileReader(text, fileName, origin, options);
        return Collect(reader);
    }

    /// <summary>Parses a zone held in a string (tests, the HTTP API).</summary>
    public static ZoneParseResult ParseText(string text, string fileName, DnsName? origin, ZoneParseOptions? options = null)
    {
        using var reader = new StringReader(text);
        return Parse(reader, fileName, origin, options);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ZoneParseResult Collect(ZoneFileReader reader)
    {
        var records = new List<ResourceRecord>();
        while (reader.TryRead(out ResourceRecord? record))
        {
            records.Add(record);
        }

        return new ZoneParseResult(records, reader.Errors, reader.Warnings);
    }
}
