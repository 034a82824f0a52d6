using System.Net;
using System.Net.Sockets;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>AAAA: an IPv6 address (RFC 3596).</summary>
public sealed class AaaaRdata : Rdata
{
    private readonly byte[] _address;

    public AaaaRdata(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("AAAA needs an IPv6 address", nameof(address));
        }

        _address = address.GetAddressBytes();
    }

    private AaaaRdata(byte[] address) => _address = address;

    public override RecordType Type => RecordType.AAAA;

    public IPAddress Address => new(_address);

    public static Rdata Read(ref DnsReader reader, int length)
    {
        if (length != 16)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, "AAAA RDATA must be 16 octets");
        }

        return new AaaaRdata(reader.ReadBytes(16).ToArray());
    }

    public static Rdata Parse(RdataTextReader text)
    {
        string token = text.ReadToken("IPv6 address");
        if (!IPAddress.TryParse(token, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetworkV6 || token.Contains('%'))
        {
            throw text.Error($"invalid IPv6 address '{token}'");
        }

        return new AaaaRdata(ip);
    }

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteBytes(_address);

    public override void AppendPresentation(StringBuilder sb) => sb.Append(Address.ToString());
}
