using System.Globalization;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Records;

/// <summary>Reads presentation-form RDATA token by token; errors name the offending token.</summary>
public sealed partial class RdataTextReader
{
    private IReadOnlyList<RdataToken> _tokens;
    private int _index;

    public RdataTextReader(IReadOnlyList<RdataToken> tokens, DnsName origin)
    {
        _tokens = tokens;
        Origin = origin;
    }

    public DnsName Origin { get; private set; }

    /// <summary>Starts over on other tokens: the zone-file reader keeps one reader for every record.</summary>
    internal void Reset(IReadOnlyList<RdataToken> tokens, DnsName origin)
    {
        _tokens = tokens;
        _index = 0;
        Origin = origin;
    }

    public bool IsAtEnd => _index >= _tokens.Count;

    /// <summary>Index of the token read last (for error positions).</summary>
    public int TokenIndex => Math.Max(0, _index - 1);

    public IReadOnlyList<RdataToken> Tokens => _tokens;

    /// <summary>Tokenizes a one-line RDATA string (quotes and escapes honoured; no parentheses or comments).</summary>
    public static RdataTextReader FromString(string rdata, DnsName origin) => new(Tokenize(rdata), origin);

    public RdataToken Next(string what)
    {
        if (_index >= _tokens.Count)
        {
            throw new RdataFormatException($"missing {what}", _tokens.Count);
        }

        return _tokens[_index++];
    }

    public RdataToken? Peek() => _index < _tokens.Count ? _tokens[_index] : null;

    public void ExpectEnd()
    {
        if (_index < _tokens.Count)
        {
            throw Error($"unexpected '{_tokens[_index].Text}' after the RDATA", _index);
        }
    }

    public RdataFormatException Error(string message) => new(message, TokenIndex);

    public RdataFormatException Error(string message, int index) => new(message, index);

    public string ReadToken(string what) => Next(what).Text;

    public DnsName ReadName(string what = "domain name")
    {
        string text = ReadToken(what);
        if (!DnsName.TryParse(text, Origin, out DnsName name, out string? error))
        {
            throw Error($"invalid {what} '{text}': {error}");
        }

        return name;
    }

    public byte ReadUInt8(string what) => (byte)ReadNumber(what, byte.MaxValue);

    public ushort ReadUInt16(string what) => (ushort)ReadNumber(what, ushort.MaxValue);

    public uint ReadUInt32(string what) => (uint)ReadNumber(what, uint.MaxValue);

    /// <summary>A TTL or SOA timer: seconds, or units (1w2d3h4m5s, RFC 2308 style as BIND accepts).</summary>
    public uint ReadTtl(string what)
    {
        string text = ReadToken(what);
        if (!TtlText.TryParse(text, out uint value))
        {
            throw Error($"invalid {what} '{text}'");
        }

        return value;
    }

    public byte[] ReadCharacterString(string what = "character-string")
    {
        RdataToken token = Next(what);
        byte[] bytes = DecodeEscapes(token.Text);
        if (bytes.Length > 255)
        {
            throw Error($"{what} longer than 255 octets");
        }

        return bytes;
    }

    private ulong ReadNumber(string what, ulong max)
    {
        string text = ReadToken(what);
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value > max)
        {
            throw Error($"invalid {what} '{text}' (expected 0..{max})");
        }

        return value;
    }

    /// <summary>Concatenates the remaining tokens (base64 and hex may contain spaces, RFC 4034 §2.2).</summary>
    public string ReadRest(string what)
    {
        if (IsAtEnd)
        {
            throw new RdataFormatException($"missing {what}", _index);
        }

        var parts = new List<string>();
        while (!IsAtEnd)
        {
            parts.Add(_tokens[_index++].Text);
        }

        return string.Concat(parts);
    }

    public byte[] ReadBase64Rest(string what)
    {
        string text = ReadRest(what);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Error($"invalid base64 in {what}");
        }
    }

    public byte[] ReadHexRest(string what)
    {
        string text = ReadRest(what);
        return ParseHex(text, what);
    }

    public byte[] ParseHex(string text, string what)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw Error($"invalid hex in {what}");
        }
    }

    public bool PeekIsGenericMarker() => _index < _tokens.Count && !_tokens[_index].Quoted && _tokens[_index].Text == "\\#";

    /// <summary>RFC 3597 §5: "\# length hex...".</summary>
    public byte[] ReadGenericRdata()
    {
        Next("\\#");
        int length = ReadUInt16("RFC 3597 RDATA length");
        if (length == 0)
        {
            ExpectEnd();
            return [];
        }

        byte[] data = ReadHexRest("RFC 3597 RDATA");
        if (data.Length != length)
        {
            throw Error($"RFC 3597 length {length} does not match {data.Length} octets of data");
        }

        return data;
    }
}
