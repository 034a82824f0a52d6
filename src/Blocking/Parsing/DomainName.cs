using System.Globalization;
using System.Net;
using System.Text;

namespace SplitDns.Blocking.Parsing;

/// <summary>
/// A list's name token to lowercased wire format: trailing dot stripped, Unicode names to
/// punycode (RFC 3492 via <see cref="IdnMapping"/>, which is managed code and works with
/// InvariantGlobalization), labels of 1-63 characters from letters, digits, '-' and '_', at most
/// 253 characters (RFC 1035 §2.3.4). IP addresses are refused: they are not names.
/// </summary>
internal static class DomainName
{
    public const int MaxWireLength = 255;
    private const int MaxTextLength = 253;
    private static readonly IdnMapping s_idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>Encodes <paramref name="text"/> (UTF-8) into <paramref name="wire"/> (≥ 255 bytes); the reason when it is not a name.</summary>
    public static bool TryEncode(ReadOnlySpan<byte> text, Span<byte> wire, out int length, out string? error)
    {
        length = 0;
        if (text.Length > 0 && text[^1] == '.')
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            error = "empty name";
            return false;
        }

        if (!Ascii.IsValid(text))
        {
            return TryEncodeUnicode(text, wire, out length, out error);
        }

        if (text.Length > MaxTextLength)
        {
            error = $"name longer than {MaxTextLength} characters";
            return false;
        }

        if (LooksLikeAddress(text))
        {
            error = "an IP address, not a name";
            return false;
        }

        return TryEncodeAscii(text, wire, out length, out error);
    }

    private static bool TryEncodeAscii(ReadOnlySpan<byte> text, Span<byte> wire, out int length, out string? error)
    {
        int labelStart = 0; // position of the current label's length byte in wire
        int pos = 1;
        foreach (byte b in text)
        {
            if (b == '.')
            {
                if (!CloseLabel(wire, labelStart, pos, out error))
                {
                    length = 0;
                    return false;
                }

                labelStart = pos++;
                continue;
            }

            byte c = (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
            if (!((uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '-' || c == '_'))
            {
                error = $"invalid character '{(char)b}' in name";
                length = 0;
                return false;
            }

            wire[pos++] = c;
        }

        if (!CloseLabel(wire, labelStart, pos, out error))
        {
            length = 0;
            return false;
        }

        wire[pos++] = 0;
        length = pos;
        return true;
    }

    private static bool CloseLabel(Span<byte> wire, int labelStart, int pos, out string? error)
    {
        int label = pos - labelStart - 1;
        if (label == 0)
        {
            error = "empty label in name";
            return false;
        }

        if (label > 63)
        {
            error = "label longer than 63 characters";
            return false;
        }

        wire[labelStart] = (byte)label;
        error = null;
        return true;
    }

    private static bool TryEncodeUnicode(ReadOnlySpan<byte> text, Span<byte> wire, out int length, out string? error)
    {
        length = 0;
        string ascii;
        try
        {
            // Lowercase first: with InvariantGlobalization IdnMapping does not apply the UTS #46
            // case mapping itself (BÜCHER would become xn--bcher-2pa, not xn--bcher-kva).
            ascii = s_idn.GetAscii(Encoding.UTF8.GetString(text).ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            error = "not a valid internationalized name";
            return false;
        }

        if (!Ascii.IsValid(ascii))
        {
            error = "not a valid internationalized name";
            return false;
        }

        return TryEncode(Encoding.ASCII.GetBytes(ascii), wire, out length, out error);
    }

    /// <summary>Digits and dots only (IPv4), or a colon (IPv6): parsed to be sure.</summary>
    private static bool LooksLikeAddress(ReadOnlySpan<byte> text)
    {
        bool colon = text.Contains((byte)':');
        if (!colon && (uint)(text[^1] - '0') > 9)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return IPAddress.TryParse(chars, out _) || (!colon && IsDottedNumbers(text));
    }

    private static bool IsDottedNumbers(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b != '.' && (uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
