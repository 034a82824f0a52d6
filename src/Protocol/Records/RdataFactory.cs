using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// Maps an RR type to its wire reader and presentation parser. Types not listed here are kept
/// as <see cref="UnknownRdata"/> (RFC 3597), losslessly.
/// </summary>
public static class RdataFactory
{
    public delegate Rdata WireReader(ref DnsReader reader, int length);

    public delegate Rdata TextParser(RdataTextReader text);

    private static readonly Dictionary<RecordType, (WireReader Wire, TextParser Text)> s_codecs = new()
    {
        [RecordType.A] = (ARdata.Read, ARdata.Parse),
        [RecordType.AAAA] = (AaaaRdata.Read, AaaaRdata.Parse),
        [RecordType.NS] = (NsRdata.Read, NsRdata.Parse),
        [RecordType.CNAME] = (CnameRdata.Read, CnameRdata.Parse),
        [RecordType.PTR] = (PtrRdata.Read, PtrRdata.Parse),
        [RecordType.DNAME] = (DnameRdata.Read, DnameRdata.Parse),
        [RecordType.SOA] = (SoaRdata.Read, SoaRdata.Parse),
        [RecordType.MX] = (MxRdata.Read, MxRdata.Parse),
        [RecordType.TXT] = (TxtRdata.Read, TxtRdata.Parse),
        [RecordType.TSIG] = (TsigRdata.Read, TsigRdata.Parse),
    };

    public static bool IsKnown(RecordType type) => s_codecs.ContainsKey(type);

    /// <summary>
    /// Reads <paramref name="length"/> bytes of RDATA. Empty RDATA (UPDATE deletes, class ANY/NONE)
    /// stays opaque. The reader must end exactly at the RDATA's end.
    /// </summary>
    public static Rdata Read(RecordType type, DnsClass cls, ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        if (end > reader.Message.Length)
        {
            ThrowHelper.Format(DnsFormatError.RdataLength, "RDLENGTH runs past the end of the message");
        }

        Rdata data;
        if (length == 0 && cls is DnsClass.Any or DnsClass.None)
        {
            data = new UnknownRdata(type, []);
        }
        else if (type == RecordType.OPT || !s_codecs.TryGetValue(type, out var codec))
        {
            data = new UnknownRdata(type, reader.ReadBytes(length).ToArray());
        }
        else
        {
            // Limit the typed reader to the RDATA so it cannot read past RDLENGTH.
            var bounded = new DnsReader(reader.Message[..end], reader.Position);
            data = codec.Wire(ref bounded, length);
            if (bounded.Position != end)
            {
                ThrowHelper.Format(DnsFormatError.RdataLength, $"RDATA of {type} shorter than RDLENGTH");
            }
        }

        reader.Position = end;
        return data;
    }

    /// <summary>Parses presentation RDATA; the RFC 3597 form "\# len hex" is accepted for every type.</summary>
    public static Rdata Parse(RecordType type, RdataTextReader text)
    {
        if (text.PeekIsGenericMarker())
        {
            byte[] bytes = text.ReadGenericRdata();
            if (!s_codecs.TryGetValue(type, out var generic))
            {
                return new UnknownRdata(type, bytes);
            }

            var reader = new DnsReader(bytes);
            Rdata typed = generic.Wire(ref reader, bytes.Length);
            if (reader.Position != bytes.Length)
            {
                throw new RdataFormatException($"\\# data for {RecordTypeNames.ToText(type)} has trailing bytes");
            }

            return typed;
        }

        if (!s_codecs.TryGetValue(type, out var codec))
        {
            throw new RdataFormatException($"type {RecordTypeNames.ToText(type)} needs the RFC 3597 form \\# <length> <hex>");
        }

        Rdata data = codec.Text(text);
        text.ExpectEnd();
        return data;
    }

    /// <summary>Builds typed RDATA from raw wire bytes (uncompressed), e.g. from the store.</summary>
    public static Rdata FromWire(RecordType type, ReadOnlySpan<byte> rdata)
    {
        var reader = new DnsReader(rdata);
        return Read(type, DnsClass.IN, ref reader, rdata.Length);
    }
}
