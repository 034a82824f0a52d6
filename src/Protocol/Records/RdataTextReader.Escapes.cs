using System.Text;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Records;

public sealed partial class RdataTextReader
{
    /// <summary>Decodes \X and \DDD (RFC 1035 §5.1) into raw bytes.</summary>
    public static byte[] DecodeEscapes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (!DnsName.TryReadEscape(text, ref i, out int value, out string? error))
                {
                    throw new RdataFormatException(error!);
                }

                bytes.Add((byte)value);
            }
            else if (c > 0x7f)
            {
                // Non-ASCII text is taken as UTF-8, the way BIND and Knot read it.
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return [.. bytes];
    }

    /// <summary>Splits one line into tokens: whitespace-separated, double quotes group, escapes kept raw.</summary>
    public static List<RdataToken> Tokenize(string text)
    {
        var tokens = new List<RdataToken>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            var sb = new StringBuilder();
            bool quoted = text[i] == '"';
            if (quoted)
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        sb.Append(text[i++]);
                    }

                    sb.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new RdataFormatException("unterminated quoted string");
                }

                i++;
            }
            else
            {
                bool escapedLast = false;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    if (text[i] == '"' && !escapedLast && sb.Length > 0 && sb[^1] == '=')
                    {
                        // RFC 9460 §2.1 key="value": the quoted value (spaces included) stays in
                        // this token with its quotes, as BIND's QVPAIR lexer option does.
                        i = AppendQuotedValue(text, i, sb);
                        escapedLast = false;
                        continue;
                    }

                    escapedLast = false;
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        sb.Append(text[i++]);
                        escapedLast = true;
                    }

                    sb.Append(text[i++]);
                }
            }

            tokens.Add(new RdataToken(sb.ToString(), quoted, 0, start + 1));
        }

        return tokens;
    }

    /// <summary>Copies a quoted section starting at text[start] == '"' into the token, quotes kept; returns the index after it.</summary>
    private static int AppendQuotedValue(string text, int start, StringBuilder sb)
    {
        int i = start;
        sb.Append(text[i++]);
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                sb.Append(text[i++]);
            }

            sb.Append(text[i++]);
        }

        if (i >= text.Length)
        {
            throw new RdataFormatException("unterminated quoted string");
        }

        sb.Append(text[i++]);
        return i;
    }

    /// <summary>Appends a character-string in quotes with the escapes BIND uses.</summary>
    public static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        sb.Append('"');
        foreach (byte b in bytes)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b < 0x20 || b >= 0x7f)
            {
                sb.Append('\\').Append((b / 100).ToString(System.Globalization.CultureInfo.InvariantCulture))
                  .Append((b / 10 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
                  .Append((b % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        sb.Append('"');
    }
}
