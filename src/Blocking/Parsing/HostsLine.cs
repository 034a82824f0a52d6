using System.Net;

namespace SplitDns.Blocking.Parsing;

/// <summary>
/// <c>IP name [name...] [# comment]</c>: every name is blocked with its subdomains, whatever the
/// address (0.0.0.0, 127.0.0.1, ::1 ...). The local names hosts files carry (localhost,
/// broadcasthost ...) are skipped without counting as invalid.
/// </summary>
internal static class HostsLine
{
    private static readonly HashSet<string> s_localNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "localhost", "localhost.localdomain", "local", "localdomain", "broadcasthost", "0.0.0.0",
        "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes",
        "ip6-allrouters", "ip6-allhosts",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_localLookup = s_localNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the line starts with an IP address token (so it is a hosts line).</summary>
    public static bool StartsWithAddress(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = line;
        return LineText.NextToken(ref rest, out ReadOnlySpan<byte> first) && IsAddress(first);
    }

    public static LineOutcome Parse(ReadOnlySpan<byte> line, EntrySink sink, out string? reason)
    {
        reason = null;
        ReadOnlySpan<byte> rest = LineText.StripHashComment(line);
        if (rest.IsEmpty)
        {
            return LineOutcome.Ignored;
        }

        if (!LineText.NextToken(ref rest, out ReadOnlySpan<byte> address) || !IsAddress(address))
        {
            reason = "not a hosts line (an IP address, then names)";
            return LineOutcome.Invalid;
        }

        bool added = false;
        bool any = false;
        while (LineText.NextToken(ref rest, out ReadOnlySpan<byte> name))
        {
            any = true;
            if (IsLocalName(name))
            {
                continue;
            }

            if (sink.TryAdd(name, EntryKind.Block, out string? error))
            {
                added = true;
            }
            else
            {
                reason ??= $"'{System.Text.Encoding.UTF8.GetString(name)}': {error}";
            }
        }

        if (!any)
        {
            reason = "hosts line without a name";
            return LineOutcome.Invalid;
        }

        // A line with one good and one bad name keeps the good one and still reports the bad one.
        return reason is not null ? LineOutcome.Invalid : added ? LineOutcome.Rule : LineOutcome.Ignored;
    }

    private static bool IsAddress(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("0.0.0.0"u8) || token.SequenceEqual("127.0.0.1"u8))
        {
            return true;
        }

        if (token.Length > 45 || token.IsEmpty || !(char.IsAsciiHexDigit((char)token[0]) || token[0] == ':'))
        {
            return false;
        }

        Span<char> chars = stackalloc char[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            chars[i] = (char)token[i];
        }

        // IPAddress.TryParse takes "1" for 0.0.0.1; a hosts address has dots or colons.
        return (chars.Contains('.') || chars.Contains(':')) && IPAddress.TryParse(chars, out _);
    }

    private static bool IsLocalName(ReadOnlySpan<byte> name)
    {
        if (name.Length > 32)
        {
            return false;
        }

        Span<char> chars = stackalloc char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return s_localLookup.Contains(chars);
    }
}
