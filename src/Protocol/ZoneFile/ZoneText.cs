using System.Globalization;
using System.Text;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>Text helpers for master-file tokens.</summary>
internal static class ZoneText
{
    /// <summary>
    /// Rewrites non-ASCII characters as \DDD escapes of their UTF-8 bytes. BIND reads a zone file
    /// as bytes, so "café" is the label 63 61 66 c3 a9 and "naïve" in TXT is UTF-8; after this
    /// every field parser sees the same bytes BIND does. An escaped non-ASCII character ("\é")
    /// stands for its bytes as well.
    /// </summary>
    public static string EscapeNonAscii(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] > 0x7f)
                {
                    continue;
                }

                sb.Append(c).Append(text[++i]);
                continue;
            }

            if (c <= 0x7f)
            {
                sb.Append(c);
                continue;
            }

            Rune rune = Rune.ReplacementChar;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && Rune.TryCreate(c, text[i + 1], out Rune pair))
            {
                rune = pair;
                i++;
            }
            else if (Rune.TryCreate(c, out Rune single))
            {
                rune = single;
            }

            int length = rune.EncodeToUtf8(utf8);
            foreach (byte b in utf8[..length])
            {
                sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
