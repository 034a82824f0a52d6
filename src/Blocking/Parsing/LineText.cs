namespace SplitDns.Blocking.Parsing;

/// <summary>Whitespace, tokens and comments of a list line (bytes; lists are ASCII or UTF-8).</summary>
internal static class LineText
{
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0;
        while (start < s.Length && IsSpace(s[start]))
        {
            start++;
        }

        int end = s.Length;
        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>The line before a '#' comment, trimmed (hosts and domain lines).</summary>
    public static ReadOnlySpan<byte> StripHashComment(ReadOnlySpan<byte> s)
    {
        int hash = s.IndexOf((byte)'#');
        return Trim(hash >= 0 ? s[..hash] : s);
    }

    /// <summary>Cuts the first whitespace-separated token off <paramref name="rest"/>; false when none is left.</summary>
    public static bool NextToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        rest = Trim(rest);
        if (rest.IsEmpty)
        {
            token = default;
            return false;
        }

        int end = 0;
        while (end < rest.Length && !IsSpace(rest[end]))
        {
            end++;
        }

        token = rest[..end];
        rest = rest[end..];
        return true;
    }

    /// <summary><c>*.name</c>: the name, and that only its subdomains are meant.</summary>
    public static ReadOnlySpan<byte> Wildcard(ReadOnlySpan<byte> name, out bool subdomainsOnly)
    {
        subdomainsOnly = name.StartsWith("*."u8);
        return subdomainsOnly ? name[2..] : name;
    }
}
