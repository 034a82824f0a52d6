namespace SplitDns.Protocol.Records;

public sealed partial class RdataTextReader
{
    /// <summary>A type mnemonic ("A", "NSEC") or the RFC 3597 §5 form "TYPE1234".</summary>
    public RecordType ReadRecordType(string what)
    {
        string text = ReadToken(what);
        if (!RecordTypeNames.TryParse(text, out RecordType type))
        {
            throw Error($"unknown {what} '{text}'");
        }

        return type;
    }

    /// <summary>Hex that may be split by spaces, or nothing at all (an empty field ends the RDATA).</summary>
    public byte[] ReadHexRestOrEmpty(string what) => IsAtEnd ? [] : ReadHexRest(what);

    /// <summary>Base64 that may be split by spaces (RFC 4034 §2.2), or nothing at all.</summary>
    public byte[] ReadBase64RestOrEmpty(string what) => IsAtEnd ? [] : ReadBase64Rest(what);

    /// <summary>A character-string that may exceed 255 octets (CAA value, URI target): escapes decoded.</summary>
    public byte[] ReadLongString(string what)
    {
        RdataToken token = Next(what);
        byte[] bytes = DecodeEscapes(token.Text);
        if (bytes.Length > ushort.MaxValue)
        {
            throw Error($"{what} longer than 65535 octets");
        }

        return bytes;
    }
}
