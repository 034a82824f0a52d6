using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// TXT: one or more character-strings (RFC 1035 §3.3.14), kept byte-exact: external-dns
/// deletes ownership records by exact RDATA.
/// </summary>
public sealed class TxtRdata : Rdata
{
    private readonly byte[][] _strings;

    public TxtRdata(IReadOnlyList<byte[]> strings)
    {
        if (strings.Count == 0)
        {
            throw new ArgumentException("TXT needs at least one character-string", nameof(strings));
        }

        _strings = new byte[strings.Count][];
        for (int i = 0; i < strings.Count; i++)
        {
            if (strings[i].Length > 255)
            {
                throw new ArgumentException("character-string longer than 255 octets", nameof(strings));
            }

            _strings[i] = strings[i];
        }
    }

    public TxtRdata(params string[] strings)
        : this(Array.ConvertAll(strings, Encoding.UTF8.GetBytes))
    {
    }

    public override RecordType Type => RecordType.TXT;

    public IReadOnlyList<byte[]> Strings => _strings;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        if (length == 0)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "TXT RDATA must hold at least one character-string");
        }

        var strings = new List<byte[]>();
        int end = reader.Position + length;
        while (reader.Position < end)
        {
            strings.Add(reader.ReadCharacterString().ToArray());
        }

        return new TxtRdata(strings);
    }

    public static Rdata Parse(RdataTextReader text)
    {
        var strings = new List<byte[]>();
        do
        {
            strings.Add(text.ReadCharacterString("TXT character-string"));
        }
        while (!text.IsAtEnd);
        return new TxtRdata(strings);
    }

    public override bool TryWrite(ref DnsWriter writer)
    {
        foreach (byte[] s in _strings)
        {
            if (!writer.TryWriteCharacterString(s))
            {
                return false;
            }
        }

        return true;
    }

    public override void AppendPresentation(StringBuilder sb)
    {
        for (int i = 0; i < _strings.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            RdataTextReader.AppendQuoted(sb, _strings[i]);
        }
    }
}
