using System.Globalization;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// RDATA of a type without a typed class, kept as opaque bytes and shown in the RFC 3597 generic
/// form (<c>\# 4 0a000001</c>). Also the empty RDATA of UPDATE's class ANY/NONE deletes.
/// </summary>
public sealed class UnknownRdata : Rdata
{
    private readonly byte[] _data;

    public UnknownRdata(RecordType type, byte[] data)
    {
        Type = type;
        _data = data;
    }

    public override RecordType Type { get; }

    public ReadOnlySpan<byte> Data => _data;

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteBytes(_data);

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append("\\# ").Append(_data.Length.ToString(CultureInfo.InvariantCulture));
        if (_data.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexStringLower(_data));
        }
    }
}
