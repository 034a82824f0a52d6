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
        if (TryParseDottedQuad(token, out uint address))
        {
            // The common form (four decimal octets, no leading zero) without an IPAddress.
            return new ARdata(address);
        }

        if (!IPAddress.TryParse(token, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetwork || token.Count(c => c == '.') != 3)
        {
            throw text.Error($"invalid IPv4 address '{token}'");
        }

        return new ARdata(ip);
    }

    /// <summary>
    /// Four dot-separated decimal octets 0-255, each "0" or without a leading zero: the form
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> reads the same way. Anything
    /// else (leading zeros read as octal, hex) is left to it.
    /// </summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        int i = 0;
        for (int octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }

            int start = i;
            uint value = 0;
            while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i]))
            {
                value = (value * 10) + (uint)(text[i] - '0');
                i++;
            }

            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | value;
        }

        return i == text.Length;
    }

    public override bool TryWrite(ref DnsWriter writer) => writer.TryWriteUInt32(_address);

    public override void AppendPresentation(StringBuilder sb) => sb.Append(Address.ToString());
}
