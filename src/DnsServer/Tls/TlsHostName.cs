namespace SplitDns.Server.Tls;

/// <summary>SNI host name matching (RFC 6066 §3 names; RFC 6125 §6.4.3 one-label wildcards).</summary>
internal static class TlsHostName
{
    /// <summary>Lowercase, without a trailing dot.</summary>
    public static string Normalize(string name)
    {
        string trimmed = name.Trim();
        if (trimmed.EndsWith('.'))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>True when a normalized <paramref name="pattern"/> ("host" or "*.parent") covers <paramref name="serverName"/>.</summary>
    public static bool Matches(string pattern, ReadOnlySpan<char> serverName)
    {
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return serverName.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        // "*.example.com" covers "a.example.com", not "example.com" nor "a.b.example.com".
        ReadOnlySpan<char> parent = pattern.AsSpan(1);
        if (serverName.Length <= parent.Length || !serverName.EndsWith(parent, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ReadOnlySpan<char> label = serverName[..^parent.Length];
        return !label.Contains('.');
    }

    /// <summary>True when <paramref name="text"/> is a host name or a "*.parent" wildcard (letters, digits, '-', '.').</summary>
    public static bool IsValid(string text)
    {
        ReadOnlySpan<char> name = text.StartsWith("*.", StringComparison.Ordinal) ? text.AsSpan(2) : text;
        if (name.Length is 0 or > 253 || name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
