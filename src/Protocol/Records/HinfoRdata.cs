using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>HINFO: host CPU and OS as two character-strings (RFC 1035 §3.3.2; RFC 8482 reuses it for ANY).</summary>
public sealed class HinfoRdata : Rdata
{
    private readonly byte[] _cpu;
    private readonly byte[] _os;

    public HinfoRdata(byte[] cpu, byte[] os)
    {
        if (cpu.Length > 255 || os.Length > 255)
        {
            throw new ArgumentException("HINFO character-strings are at most 255 octets");
        }

        _cpu = cpu;
        _os = os;
    }

    public override RecordType Type => RecordType.HINFO;

    public ReadOnlySpan<byte> Cpu => _cpu;

    public ReadOnlySpan<byte> Os => _os;

    public static Rdata Read(ref DnsReader reader, int length) =>
        new HinfoRdata(reader.ReadCharacterString().ToArray(), reader.ReadCharacterString().ToArray());

    public static Rdata Parse(RdataTextReader text) =>
        new HinfoRdata(text.ReadCharacterString("HINFO CPU"), text.ReadCharacterString("HINFO OS"));

    public override bool TryWrite(ref DnsWriter writer) =>
        writer.TryWriteCharacterString(_cpu) && writer.TryWriteCharacterString(_os);

    public override void AppendPresentation(StringBuilder sb)
    {
        RdataTextReader.AppendQuoted(sb, _cpu);
        sb.Append(' ');
        RdataTextReader.AppendQuoted(sb, _os);
    }
}
