using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>RRSIG: a signature over one RRset (RFC 4034 §3).</summary>
public sealed class RrsigRdata : Rdata
{
    private readonly byte[] _signature;

    public RrsigRdata(
        RecordType typeCovered, byte algorithm, byte labels, uint originalTtl, uint expiration, uint inception,
        ushort keyTag, DnsName signerName, byte[] signature)
    {
        TypeCovered = typeCovered;
        Algorithm = algorithm;
        Labels = labels;
        OriginalTtl = originalTtl;
        Expiration = expiration;
        Inception = inception;
        KeyTag = keyTag;
        SignerName = signerName;
        _signature = signature;
    }

    public override RecordType Type => RecordType.RRSIG;

    public RecordType TypeCovered { get; }

    public byte Algorithm { get; }

    public byte Labels { get; }

    public uint OriginalTtl { get; }

    /// <summary>Seconds since 1970 modulo 2^32 (RFC 4034 §3.1.5; compare with serial arithmetic).</summary>
    public uint Expiration { get; }

    public uint Inception { get; }

    public ushort KeyTag { get; }

    public DnsName SignerName { get; }

    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>RFC 4034 §3.1.7: the signer's name MUST NOT be compressed; a pointer is malformed.</summary>
    public static Rdata Read(ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        var covered = (RecordType)reader.ReadUInt16();
        byte algorithm = reader.ReadByte();
        byte labels = reader.ReadByte();
        uint ttl = reader.ReadUInt32();
        uint expiration = reader.ReadUInt32();
        uint inception = reader.ReadUInt32();
        ushort keyTag = reader.ReadUInt16();
        DnsName signer = reader.ReadUncompressedName();
        if (reader.Position > end)
        {
            ThrowHelper.Truncated();
        }

        byte[] signature = reader.ReadBytes(end - reader.Position).ToArray();
        return new RrsigRdata(covered, algorithm, labels, ttl, expiration, inception, keyTag, signer, signature);
    }

    public static Rdata Parse(RdataTextReader text)
    {
        RecordType covered = text.ReadRecordType("RRSIG type covered");
        byte algorithm = text.ReadUInt8("RRSIG algorithm");
        byte labels = text.ReadUInt8("RRSIG labels");
        uint ttl = text.ReadTtl("RRSIG original TTL");
        uint expiration = ReadTime(text, "RRSIG expiration");
        uint inception = ReadTime(text, "RRSIG inception");
        ushort keyTag = text.ReadUInt16("RRSIG key tag");
        DnsName signer = text.ReadName("RRSIG signer's name");
        byte[] signature = text.ReadBase64RestOrEmpty("RRSIG signature");
        return new RrsigRdata(covered, algorithm, labels, ttl, expiration, inception, keyTag, signer, signature);
    }

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteUInt16((ushort)TypeCovered) && writer.TryWriteByte(Algorithm) && writer.TryWriteByte(Labels)
        && writer.TryWriteUInt32(OriginalTtl) && writer.TryWriteUInt32(Expiration) && writer.TryWriteUInt32(Inception)
        && writer.TryWriteUInt16(KeyTag) && writer.TryWriteName(SignerName, compress: false)
        && writer.TryWriteBytes(_signature);

    /// <summary>RFC 4034 §3.2: times as YYYYMMDDHHmmSS, signature in base64 (unsplit).</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(RecordTypeNames.ToText(TypeCovered))
          .Append(CultureInfo.InvariantCulture, $" {Algorithm} {Labels} {OriginalTtl} ")
          .Append(SignatureTime.ToText(Expiration)).Append(' ')
          .Append(SignatureTime.ToText(Inception)).Append(' ')
          .Append(KeyTag.ToString(CultureInfo.InvariantCulture)).Append(' ');
        SignerName.AppendPresentation(sb);
        if (_signature.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToBase64String(_signature));
        }
    }

    private static uint ReadTime(RdataTextReader text, string what)
    {
        string token = text.ReadToken(what);
        if (!SignatureTime.TryParse(token, out uint seconds))
        {
            throw text.Error($"invalid {what} '{token}' (YYYYMMDDHHmmSS or seconds since 1970)");
        }

        return seconds;
    }
}
