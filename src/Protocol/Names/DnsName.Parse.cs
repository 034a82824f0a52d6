namespace SplitDns.Protocol.Names;

public readonly partial struct DnsName
{
    /// <summary>
    /// Parses presentation text ("www.example.com.", "a\.b", "\065bc"). A name without a
    /// trailing dot is relative and completed with <paramref name="origin"/> (root when absent).
    /// "@" is the origin itself.
    /// </summary>
    public static DnsName Parse(string text, DnsName? origin = null)
    {
        if (!TryParse(text, origin, out DnsName name, out string? error))
        {
            throw new FormatException($"invalid domain name '{text}': {error}");
        }

        return name;
    }

    public static bool TryParse(ReadOnlySpan<char> text, DnsName? origin, out DnsName name, out string? error) =>
        TryParse(text, origin, null, out name, out error);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{char}, DnsName?, out DnsName, out string?)"/>, the wire form copied into <paramref name="arena"/> when given.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, DnsName? origin, DnsNameArena? arena, out DnsName name, out string? error)
    {
        name = default;
        if (text.IsEmpty)
        {
            error = "empty name";
            return false;
        }

        if (text is "@")
        {
            name = origin ?? Root;
            error = null;
            return true;
        }

        if (text is ".")
        {
            name = Root;
            error = null;
            return true;
        }

        Span<byte> buffer = stackalloc byte[MaxLength + MaxLabelLength + 2];
        int pos = 0;
        int labelStart = 0;
        int labelLength = 0;
        bool absolute = false;
        buffer[0] = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int value;
            if (c == '\\')
            {
                if (!TryReadEscape(text, ref i, out value, out error))
                {
                    return false;
                }
            }
            else if (c == '.')
            {
                if (labelLength == 0)
                {
                    error = "empty label";
                    return false;
                }

                buffer[labelStart] = (byte)labelLength;
                labelStart = pos + 1;
                pos = labelStart;
                labelLength = 0;
                if (i == text.Length - 1)
                {
                    absolute = true;
                }

                continue;
            }
            else if (c > 0xff)
            {
                error = "non-ASCII character (use IDNA A-labels or \\DDD escapes)";
                return false;
            }
            else
            {
                value = c;
            }

            if (labelLength == MaxLabelLength)
            {
                error = "label longer than 63 octets";
                return false;
            }

            if (pos + 1 >= MaxLength)
            {
                error = "name longer than 255 octets";
                return false;
            }

            buffer[++pos] = (byte)value;
            labelLength++;
        }

        if (labelLength > 0)
        {
            buffer[labelStart] = (byte)labelLength;
            pos++;
        }

        buffer[pos] = 0;
        int length = pos + 1;
        if (!absolute && origin is { } o && !o.IsRoot)
        {
            ReadOnlySpan<byte> ow = o.Wire;
            if (length - 1 + ow.Length > MaxLength)
            {
                error = "name longer than 255 octets after appending the origin";
                return false;
            }

            if (arena is not null)
            {
                name = arena.Add(buffer[..(length - 1)], ow);
                error = null;
                return true;
            }

            byte[] joined = new byte[length - 1 + ow.Length];
            buffer[..(length - 1)].CopyTo(joined);
            ow.CopyTo(joined.AsSpan(length - 1));
            name = new DnsName(joined);
            error = null;
            return true;
        }

        if (length > MaxLength)
        {
            error = "name longer than 255 octets";
            return false;
        }

        name = arena is not null ? arena.Add(buffer[..length], []) : new DnsName(buffer[..length].ToArray());
        error = null;
        return true;
    }

    /// <summary>Reads "\X" or "\DDD" starting at text[i] == '\\'; leaves i on the last consumed char.</summary>
    internal static bool TryReadEscape(ReadOnlySpan<char> text, ref int i, out int value, out string? error)
    {
        value = 0;
        if (i + 1 >= text.Length)
        {
            error = "dangling backslash";
            return false;
        }

        char next = text[i + 1];
        if (char.IsAsciiDigit(next))
        {
            if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
            {
                error = "\\DDD escape needs three digits";
                return false;
            }

            value = ((next - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
            if (value > 255)
            {
                error = "\\DDD escape above 255";
                return false;
            }

            i += 3;
            error = null;
            return true;
        }

        if (next > 0xff)
        {
            error = "non-ASCII character after backslash";
            return false;
        }

        value = next;
        i += 1;
        error = null;
        return true;
    }
}
