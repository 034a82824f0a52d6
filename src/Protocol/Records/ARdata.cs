using System.Net;
using System.Net.Sockets;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>A: an IPv4 address (RFC 1035 §3.4.1).</summary>
public sealed class ARdata : Rdata
{
    private readonly uint _address;

    public ARdata(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("A needs an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        _address = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private ARdata(uint address) => _address = address;

    public override RecordType Type => RecordType.A;

    public IPAddress Address => new(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_address));

    public static Rdata Read(ref DnsReader reader, int length)
    {
        if (length != 4)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "A RDATA must be 4 octets");
        }

        return new ARdata(reader.ReadUInt32());
    }

    public static Rdata Parse(RdataTextReader text)
    {
        string token = text.ReadToken("IPv4 address");
        if (!IPAddress.TryParse(token, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetwork || token.Count(c => c == '.') != 3)
        {
            throw text.Error($"invalid IPv4 address '{token}'");
        }

        return new ARdata(ip);
    }

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteUInt32(_address);

    public override void AppendPresentation(StringBuilder sb) => sb.Append(Address.ToString());
}
