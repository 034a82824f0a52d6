namespace SplitDns.Blocking.Parsing;

/// <summary>
/// The DNS subset of AdBlock / AdGuard syntax: <c>||name^</c> (name and subdomains),
/// <c>||*.name^</c> (subdomains), <c>@@</c> in front for an exception, optional trailing
/// <c>|</c>, and only the <c>$important</c> / <c>$all</c> modifiers. Comments are <c>!</c> and
/// <c>#</c> lines and <c>[Adblock Plus 2.0]</c> headers. Anything else (paths, regexes, cosmetic
/// <c>##</c> rules, other modifiers) is a browser rule and counts as invalid with its reason.
/// Plain domains and hosts lines are accepted too, as AdGuard Home does.
/// </summary>
internal static class AdBlockLine
{
    public static LineOutcome Parse(ReadOnlySpan<byte> line, EntrySink sink, out string? reason)
    {
        reason = null;
        line = LineText.Trim(line);
        if (line.IsEmpty || line[0] == '!' || (line[0] == '[' && line[^1] == ']'))
        {
            return LineOutcome.Ignored;
        }

        if (IsCosmetic(line))
        {
            reason = "cosmetic rule (not a DNS rule)";
            return LineOutcome.Invalid;
        }

        if (line[0] == '#')
        {
            return LineOutcome.Ignored;
        }

        if (line[0] == '/' && line.Length > 1 && line.LastIndexOf((byte)'/') > 0)
        {
            reason = "regular expression rule (not supported)";
            return LineOutcome.Invalid;
        }

        bool exception = line.StartsWith("@@"u8);
        ReadOnlySpan<byte> rule = exception ? line[2..] : line;
        if (!rule.StartsWith("||"u8))
        {
            if (exception || rule.IndexOfAny("|^$/"u8) >= 0)
            {
                reason = "not a domain rule (expected ||name^)";
                return LineOutcome.Invalid;
            }

            return HostsLine.StartsWithAddress(rule) ? HostsLine.Parse(rule, sink, out reason) : DomainLine.Parse(rule, sink, out reason);
        }

        return ParseDomainRule(rule[2..], exception, sink, out reason);
    }

    private static LineOutcome ParseDomainRule(ReadOnlySpan<byte> rule, bool exception, EntrySink sink, out string? reason)
    {
        int caret = rule.IndexOf((byte)'^');
        ReadOnlySpan<byte> name = caret >= 0 ? rule[..caret] : rule;
        if (name.IndexOfAny("/:?=&"u8) >= 0)
        {
            reason = "rule with a path or port (not a DNS rule)";
            return LineOutcome.Invalid;
        }

        if (caret < 0)
        {
            reason = "not a domain rule (expected ||name^)";
            return LineOutcome.Invalid;
        }

        ReadOnlySpan<byte> tail = rule[(caret + 1)..];
        if (tail.StartsWith("|"u8))
        {
            tail = tail[1..];
        }

        if (!tail.IsEmpty && !ModifiersAllowed(tail, out reason))
        {
            return LineOutcome.Invalid;
        }

        ReadOnlySpan<byte> bare = LineText.Wildcard(name, out bool subdomainsOnly);
        EntryKind kind = (exception, subdomainsOnly) switch
        {
            (false, false) => EntryKind.Block,
            (false, true) => EntryKind.BlockSubdomains,
            (true, false) => EntryKind.Allow,
            _ => EntryKind.AllowSubdomains,
        };
        if (!sink.TryAdd(bare, kind, out string? error))
        {
            reason = error;
            return LineOutcome.Invalid;
        }

        reason = null;
        return LineOutcome.Rule;
    }

    /// <summary><c>$important</c>, <c>$all</c> (comma-separated) change nothing for DNS; any other modifier narrows the rule to something DNS cannot see.</summary>
    private static bool ModifiersAllowed(ReadOnlySpan<byte> tail, out string? reason)
    {
        reason = null;
        if (tail[0] != '$')
        {
            reason = "text after '^' (not a DNS rule)";
            return false;
        }

        foreach (Range r in tail[1..].Split((byte)','))
        {
            ReadOnlySpan<byte> modifier = LineText.Trim(tail[1..][r]);
            if (!modifier.SequenceEqual("important"u8) && !modifier.SequenceEqual("all"u8))
            {
                reason = $"modifier ${System.Text.Encoding.UTF8.GetString(modifier)} is not supported for DNS";
                return false;
            }
        }

        return true;
    }

    private static bool IsCosmetic(ReadOnlySpan<byte> line) =>
        line.IndexOf("##"u8) >= 0 || line.IndexOf("#@#"u8) >= 0 || line.IndexOf("#?#"u8) >= 0
        || line.IndexOf("#$#"u8) >= 0 || line.IndexOf("#%#"u8) >= 0;
}
