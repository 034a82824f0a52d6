using System.Buffers.Binary;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The OPT pseudo-RR (RFC 6891 §6.1): UDP payload size in CLASS; extended RCODE, version and
/// flags (DO) in TTL; options in RDATA.
/// </summary>
public sealed class EdnsRecord
{
    public const ushort DoFlag = 0x8000;

    public ushort UdpPayloadSize { get; set; } = 1232;

    /// <summary>Upper 8 bits of the 12-bit RCODE.</summary>
    public byte ExtendedRcode { get; set; }

    public byte Version { get; set; }

    /// <summary>The 16 flag bits; only DO (0x8000) is defined.</summary>
    public ushort Flags { get; set; }

    public bool DnssecOk
    {
        get => (Flags & DoFlag) != 0;
        set => Flags = (ushort)(value ? Flags | DoFlag : Flags & ~DoFlag);
    }

    public List<EdnsOption> Options { get; } = [];

    public EdnsOption? Find(EdnsOptionCode code)
    {
        foreach (EdnsOption o in Options)
        {
            if (o.Code == code)
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>Adds an Extended DNS Error option (RFC 8914 §2): INFO-CODE plus UTF-8 EXTRA-TEXT.</summary>
    public void AddExtendedError(ExtendedDnsErrorCode code, string? text = null)
    {
        int textLength = text is null ? 0 : Encoding.UTF8.GetByteCount(text);
        byte[] data = new byte[2 + textLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)code);
        if (text is not null)
        {
            Encoding.UTF8.GetBytes(text, data.AsSpan(2));
        }

        Options.Add(new EdnsOption(EdnsOptionCode.ExtendedDnsError, data));
    }

    /// <summary>Builds from an OPT RR read off the wire; the owner must be the root (RFC 6891 §6.1.2).</summary>
    public static EdnsRecord FromRecord(ResourceRecord rr)
    {
        if (!rr.Name.IsRoot)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "OPT owner name is not the root");
        }

        var edns = new EdnsRecord
        {
            UdpPayloadSize = (ushort)rr.Class,
            ExtendedRcode = (byte)(rr.Ttl >> 24),
            Version = (byte)(rr.Ttl >> 16),
            Flags = (ushort)rr.Ttl,
        };
        ReadOnlySpan<byte> data = rr.Data is UnknownRdata u ? u.Data : rr.Data.ToWire();
        ReadOptions(data, edns.Options);
        return edns;
    }

    /// <summary>Parses the option list; a truncated option is a format error.</summary>
    public static void ReadOptions(ReadOnlySpan<byte> data, List<EdnsOption> into)
    {
        int i = 0;
        while (i < data.Length)
        {
            if (i + 4 > data.Length)
            {
                ThrowHelper.Format(DnsFormatError.BadOpt, "truncated EDNS option header");
            }

            ushort code = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (i + 4 + length > data.Length)
            {
                ThrowHelper.Format(DnsFormatError.BadOpt, "EDNS option runs past the OPT RDATA");
            }

            into.Add(new EdnsOption((EdnsOptionCode)code, data.Slice(i + 4, length).ToArray()));
            i += 4 + length;
        }
    }

    /// <summary>Wire size of this OPT RR.</summary>
    public int WireSize
    {
        get
        {
            int size = 11;
            foreach (EdnsOption o in Options)
            {
                size += 4 + o.Data.Length;
            }

            return size;
        }
    }

    public bool TryWrite(ref DnsWriter writer)
    {
        DnsWriter.Mark mark = writer.GetMark();
        uint ttl = ((uint)ExtendedRcode << 24) | ((uint)Version << 16) | Flags;
        if (writer.TryWriteByte(0)
            && writer.TryWriteUInt16((ushort)RecordType.OPT)
            && writer.TryWriteUInt16(UdpPayloadSize)
            && writer.TryWriteUInt32(ttl)
            && writer.TryReserveUInt16(out int lengthOffset))
        {
            foreach (EdnsOption o in Options)
            {
                if (!(writer.TryWriteUInt16((ushort)o.Code) && writer.TryWriteUInt16((ushort)o.Data.Length)
                      && writer.TryWriteBytes(o.Data.Span)))
                {
                    writer.Reset(mark);
                    return false;
                }
            }

            writer.PatchUInt16(lengthOffset, (ushort)(writer.Position - lengthOffset - 2));
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    public ResourceRecord ToRecord()
    {
        byte[] buffer = new byte[WireSize];
        var writer = new DnsWriter(buffer);
        TryWrite(ref writer);
        var reader = new DnsReader(buffer);
        return ResourceRecord.Read(ref reader);
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("EDNS: version ").Append(Version).Append(", flags ").Append(DnssecOk ? "do" : string.Empty)
          .Append("; udp ").Append(UdpPayloadSize);
        foreach (EdnsOption o in Options)
        {
            sb.Append("; ").Append(o.Code).Append(' ').Append(Convert.ToHexStringLower(o.Data.Span));
        }

        return sb.ToString();
    }

    internal static DnsName Owner => DnsName.Root;
}
