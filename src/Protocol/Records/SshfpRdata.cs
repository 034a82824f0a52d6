using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>SSHFP: SSH host key fingerprint (RFC 4255 §3).</summary>
public sealed class SshfpRdata : Rdata
{
    private readonly byte[] _fingerprint;

    public SshfpRdata(byte algorithm, byte fingerprintType, byte[] fingerprint)
    {
        Algorithm = algorithm;
        FingerprintType = fingerprintType;
        _fingerprint = fingerprint;
    }

    public override RecordType Type => RecordType.SSHFP;

    public byte Algorithm { get; }

    public byte FingerprintType { get; }

    public ReadOnlySpan<byte> Fingerprint => _fingerprint;

    public static Rdata Read(ref DnsReader reader, int length)
    {
        if (length < 2)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "SSHFP RDATA shorter than 2 octets");
        }

        byte algorithm = reader.ReadByte();
        byte type = reader.ReadByte();
        return new SshfpRdata(algorithm, type, reader.ReadBytes(length - 2).ToArray());
    }

    public static Rdata Parse(RdataTextReader text) => new SshfpRdata(
        text.ReadUInt8("SSHFP algorithm"), text.ReadUInt8("SSHFP fingerprint type"),
        text.ReadHexRestOrEmpty("SSHFP fingerprint"));

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteByte(Algorithm) && writer.TryWriteByte(FingerprintType) && writer.TryWriteBytes(_fingerprint);

    /// <summary>RFC 4255 §3.2: the fingerprint as hex (upper case, as BIND prints it).</summary>
    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Algorithm} {FingerprintType}");
        if (_fingerprint.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexString(_fingerprint));
        }
    }
}
