using System.Buffers.Binary;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The EDNS Client Subnet option (RFC 7871 §6): FAMILY, SOURCE PREFIX-LENGTH, SCOPE
/// PREFIX-LENGTH and ADDRESS truncated to ceil(SOURCE / 8) octets. The address is kept whole
/// (4 or 16 octets, zero past the prefix) inside the struct, so finding, parsing, copying and
/// echoing the option allocate nothing.
/// </summary>
public readonly struct ClientSubnet
{
    /// <summary>FAMILY, SOURCE PREFIX-LENGTH and SCOPE PREFIX-LENGTH: the octets before ADDRESS.</summary>
    public const int FixedLength = 4;

    /// <summary>Bytes of option header (code + length) before the option data.</summary>
    public const int OptionHeaderSize = 4;

    // The address in network order: _high holds octets 0-7, _low octets 8-15 (IPv4: octets 0-3 of _high).
    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>
    /// An option for <paramref name="address"/> (4 or 16 octets) and a source prefix; bits past
    /// the prefix are cleared (RFC 7871 §6: ADDRESS is padded with 0 bits).
    /// </summary>
    public ClientSubnet(ReadOnlySpan<byte> address, byte sourcePrefixLength, byte scopePrefixLength = 0)
    {
        ClientSubnetFamily family = address.Length switch
        {
            4 => ClientSubnetFamily.IPv4,
            16 => ClientSubnetFamily.IPv6,
            _ => throw new ArgumentException("an address is 4 or 16 octets", nameof(address)),
        };
        int max = address.Length * 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourcePrefixLength, max);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scopePrefixLength, max);
        Span<byte> whole = stackalloc byte[16];
        whole.Clear();
        address.CopyTo(whole);
        MaskAfter(whole, sourcePrefixLength);
        Family = family;
        SourcePrefixLength = sourcePrefixLength;
        ScopePrefixLength = scopePrefixLength;
        _high = BinaryPrimitives.ReadUInt64BigEndian(whole);
        _low = BinaryPrimitives.ReadUInt64BigEndian(whole[8..]);
    }

    private ClientSubnet(ClientSubnetFamily family, byte source, byte scope, ReadOnlySpan<byte> whole)
    {
        Family = family;
        SourcePrefixLength = source;
        ScopePrefixLength = scope;
        _high = BinaryPrimitives.ReadUInt64BigEndian(whole);
        _low = BinaryPrimitives.ReadUInt64BigEndian(whole[8..]);
    }

    public ClientSubnetFamily Family { get; }

    /// <summary>Leftmost bits of ADDRESS the client (or its resolver) disclosed.</summary>
    public byte SourcePrefixLength { get; }

    /// <summary>Leftmost bits of ADDRESS an answer covers; 0 in queries (RFC 7871 §6).</summary>
    public byte ScopePrefixLength { get; }

    /// <summary>4 for IPv4, 16 for IPv6: the length <see cref="CopyAddressTo"/> writes.</summary>
    public int AddressLength => Family == ClientSubnetFamily.IPv4 ? 4 : 16;

    /// <summary>ADDRESS octets on the wire: ceil(SOURCE PREFIX-LENGTH / 8).</summary>
    public int WireAddressLength => (SourcePrefixLength + 7) / 8;

    /// <summary>The whole option (code, length, data) as <see cref="TryWrite"/> writes it.</summary>
    public int OptionSize => OptionHeaderSize + FixedLength + WireAddressLength;

    /// <summary>Finds the ECS option's data among the options of an OPT RDATA; false when absent or the framing ends early.</summary>
    public static bool TryFind(ReadOnlySpan<byte> options, out ReadOnlySpan<byte> data) =>
        EdnsOptionReader.TryFind(options, EdnsOptionCode.ClientSubnet, out data);

    /// <summary>
    /// Parses and validates the option data of a query. False with a reason when it is
    /// malformed, which RFC 7871 answers with FORMERR: an unknown FAMILY (§7.2.1), a SOURCE
    /// PREFIX-LENGTH longer than the address, too few or too many ADDRESS octets or bits set past
    /// the prefix (§6), or a SCOPE PREFIX-LENGTH other than 0 (§6: it MUST be 0 in queries).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ClientSubnet subnet, out string? error)
    {
        subnet = default;
        if (data.Length < FixedLength)
        {
            error = "ECS option shorter than FAMILY and the prefix lengths (RFC 7871 §6)";
            return false;
        }

        var family = (ClientSubnetFamily)BinaryPrimitives.ReadUInt16BigEndian(data);
        int max = family switch
        {
            ClientSubnetFamily.IPv4 => 32,
            ClientSubnetFamily.IPv6 => 128,
            _ => 0,
        };
        byte source = data[2];
        byte scope = data[3];
        ReadOnlySpan<byte> address = data[FixedLength..];
        error = max == 0 ? "ECS FAMILY is neither 1 (IPv4) nor 2 (IPv6) (RFC 7871 §7.2.1)"
            : source > max ? "ECS SOURCE PREFIX-LENGTH is longer than the address (RFC 7871 §6)"
            : scope != 0 ? "ECS SCOPE PREFIX-LENGTH must be 0 in queries (RFC 7871 §6)"
            : address.Length != (source + 7) / 8 ? "ECS ADDRESS is not ceil(SOURCE PREFIX-LENGTH / 8) octets (RFC 7871 §6)"
            : !ZeroAfter(address, source) ? "ECS ADDRESS has bits set past SOURCE PREFIX-LENGTH (RFC 7871 §6)"
            : null;
        if (error is not null)
        {
            return false;
        }

        Span<byte> whole = stackalloc byte[16];
        whole.Clear();
        address.CopyTo(whole);
        subnet = new ClientSubnet(family, source, scope, whole);
        return true;
    }

    /// <summary>Writes the whole address (4 or 16 octets, zero past the prefix); returns the length written.</summary>
    public int CopyAddressTo(Span<byte> destination)
    {
        int length = AddressLength;
        if (destination.Length < length)
        {
            throw new ArgumentException("the destination is shorter than the address", nameof(destination));
        }

        Span<byte> whole = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(whole, _high);
        BinaryPrimitives.WriteUInt64BigEndian(whole[8..], _low);
        whole[..length].CopyTo(destination);
        return length;
    }

    /// <summary>
    /// Writes the whole option (code, length, data) with <paramref name="scopePrefixLength"/>:
    /// FAMILY, SOURCE PREFIX-LENGTH and ADDRESS as received (RFC 7871 §7.2.1: they MUST match the query).
    /// </summary>
    public bool TryWrite(ref DnsWriter writer, byte scopePrefixLength)
    {
        Span<byte> whole = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(whole, _high);
        BinaryPrimitives.WriteUInt64BigEndian(whole[8..], _low);
        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteUInt16((ushort)EdnsOptionCode.ClientSubnet)
            && writer.TryWriteUInt16((ushort)(FixedLength + WireAddressLength))
            && writer.TryWriteUInt16((ushort)Family)
            && writer.TryWriteByte(SourcePrefixLength)
            && writer.TryWriteByte(scopePrefixLength)
            && writer.TryWriteBytes(whole[..WireAddressLength]))
        {
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    private static bool ZeroAfter(ReadOnlySpan<byte> address, int prefix)
    {
        int rest = prefix % 8;
        return rest == 0 || address.IsEmpty || (address[^1] & (0xFF >> rest)) == 0;
    }

    private static void MaskAfter(Span<byte> address, int prefix)
    {
        int whole = prefix / 8;
        int rest = prefix % 8;
        if (rest != 0)
        {
            address[whole] &= (byte)(0xFF << (8 - rest));
            whole++;
        }

        address[whole..].Clear();
    }
}
