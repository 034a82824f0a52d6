namespace SplitDns.Blocking.Parsing;

/// <summary><c>name [# comment]</c> blocks the name and its subdomains; <c>*.name</c> only its subdomains.</summary>
internal static class DomainLine
{
    public static LineOutcome Parse(ReadOnlySpan<byte> line, EntrySink sink, out string? reason)
    {
        reason = null;
        ReadOnlySpan<byte> rest = LineText.StripHashComment(line);
        if (!LineText.NextToken(ref rest, out ReadOnlySpan<byte> token))
        {
            return LineOutcome.Ignored;
        }

        if (!LineText.Trim(rest).IsEmpty)
        {
            reason = "more than one name on the line";
            return LineOutcome.Invalid;
        }

        ReadOnlySpan<byte> name = LineText.Wildcard(token, out bool subdomainsOnly);
        if (!sink.TryAdd(name, subdomainsOnly ? EntryKind.BlockSubdomains : EntryKind.Block, out string? error))
        {
            reason = error;
            return LineOutcome.Invalid;
        }

        return LineOutcome.Rule;
    }
}
