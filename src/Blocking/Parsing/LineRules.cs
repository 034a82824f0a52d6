namespace SplitDns.Blocking.Parsing;

/// <summary>Sends a line to its format's parser; for <see cref="BlocklistFormat.Auto"/> each line is recognised by itself.</summary>
internal static class LineRules
{
    public static LineOutcome Parse(BlocklistFormat format, ReadOnlySpan<byte> line, EntrySink sink, out string? reason) => format switch
    {
        BlocklistFormat.Hosts => HostsLine.Parse(line, sink, out reason),
        BlocklistFormat.Domains => DomainLine.Parse(line, sink, out reason),
        BlocklistFormat.AdBlock => AdBlockLine.Parse(line, sink, out reason),
        _ => ParseAuto(line, sink, out reason),
    };

    private static LineOutcome ParseAuto(ReadOnlySpan<byte> line, EntrySink sink, out string? reason)
    {
        line = LineText.Trim(line);
        if (line.IsEmpty || line[0] == '#')
        {
            reason = null;
            return LineOutcome.Ignored; // hosts and domain lists comment with '#', and "##" lines there are banners
        }

        if (line[0] is (byte)'!' or (byte)'[' or (byte)'|' or (byte)'@' or (byte)'/' || line.IndexOfAny("^$"u8) >= 0 || line.IndexOf("##"u8) >= 0)
        {
            return AdBlockLine.Parse(line, sink, out reason);
        }

        if (HostsLine.StartsWithAddress(line))
        {
            return HostsLine.Parse(line, sink, out reason);
        }

        ReadOnlySpan<byte> rest = LineText.StripHashComment(line);
        if (LineText.NextToken(ref rest, out _) && !LineText.Trim(rest).IsEmpty)
        {
            reason = "not a hosts line, a domain or an AdBlock rule";
            return LineOutcome.Invalid;
        }

        return DomainLine.Parse(line, sink, out reason);
    }
}
