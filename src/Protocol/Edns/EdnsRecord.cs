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

    /// <summary>
    /// When positive, <see cref="Wire.DnsMessage.TryWrite"/> ends the options with a Padding
    /// option that brings the whole message to a multiple of this many octets (RFC 8467 §4.1:
    /// <see cref="EdnsPadding.QueryBlockSize"/> or <see cref="EdnsPadding.ResponseBlockSize"/>);
    /// Padding options already in <see cref="Options"/> are then left out.
    /// </summary>
    public int PadToBlockSize { get; set; }

    /// <summary>The payload size to honour: values below 512 are treated as 512 (RFC 6891 §6.2.5).</summary>
    public int EffectivePayloadSize => Math.Max(512, (int)UdpPayloadSize);

    /// <summary>Adds an Extended DNS Error option (RFC 8914 §2): INFO-CODE plus UTF-8 EXTRA-TEXT.</summary>
    public void AddExtendedError(ExtendedDnsErrorCode code, string? text = null) =>
        Options.Add(new EdnsOption(EdnsOptionCode.ExtendedDnsError, new ExtendedDnsError(code, text).ToOptionData()));

    /// <summary>Every Extended DNS Error carried (RFC 8914 §2 allows several); malformed ones are format errors.</summary>
    public List<ExtendedDnsError> GetExtendedErrors()
    {
        var errors = new List<ExtendedDnsError>();
        foreach (EdnsOption o in Options)
        {
            if (o.Code == EdnsOptionCode.ExtendedDnsError)
            {
                errors.Add(ExtendedDnsError.Parse(o.Data.Span));
            }
        }

        return errors;
    }

    /// <summary>The first COOKIE option split into client and server cookie (RFC 7873 §4).</summary>
    public bool TryGetCookie(out ReadOnlySpan<byte> clientCookie, out ReadOnlySpan<byte> serverCookie)
    {
        if (Find(EdnsOptionCode.Cookie) is EdnsOption cookie)
        {
            DnsCookie.Parse(cookie.Data.Span, out clientCookie, out serverCookie);
            return true;
        }

        clientCookie = default;
        serverCookie = default;
        return false;
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

            ReadOnlySpan<byte> value = data.Slice(i + 4, length);
            if (code == (ushort)EdnsOptionCode.Cookie)
            {
                // RFC 7873 §5.2.2: a malformed COOKIE is answered with FORMERR.
                DnsCookie.Validate(value);
            }

            into.Add(new EdnsOption((EdnsOptionCode)code, value.ToArray()));
            i += 4 + length;
        }
    }

    /// <summary>
    /// Wire size of this OPT RR; with <see cref="PadToBlockSize"/> set, without the padding data
    /// (only the Padding option's 4-byte header is counted).
    /// </summary>
    public int WireSize
    {
        get
        {
            int size = 11;
            foreach (EdnsOption o in Options)
            {
                if (!SkipsOption(o))
                {
                    size += 4 + o.Data.Length;
                }
            }

            return PadToBlockSize > 0 ? size + EdnsPadding.OptionHeaderSize : size;
        }
    }

    public bool TryWrite(ref DnsWriter writer) => TryWrite(ref writer, 0);

    /// <summary>
    /// Writes the OPT RR; with <see cref="PadToBlockSize"/> set, a last Padding option of
    /// <paramref name="paddingLength"/> octets (RFC 7830). False when out of room.
    /// </summary>
    public bool TryWrite(ref DnsWriter writer, int paddingLength)
    {
        DnsWriter.Mark mark = writer.GetMark();
        uint ttl = ((uint)ExtendedRcode << 24) | ((uint)Version << 16) | Flags;
        if (writer.TryWriteByte(0)
            && writer.TryWriteUInt16((ushort)RecordType.OPT)
            && writer.TryWriteUInt16(UdpPayloadSize)
            && writer.TryWriteUInt32(ttl)
            && writer.TryReserveUInt16(out int lengthOffset)
            && TryWriteOptions(ref writer, paddingLength)
            && writer.Position - lengthOffset - 2 <= ushort.MaxValue)
        {
            writer.PatchUInt16(lengthOffset, (ushort)(writer.Position - lengthOffset - 2));
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    private bool TryWriteOptions(ref DnsWriter writer, int paddingLength)
    {
        foreach (EdnsOption o in Options)
        {
            if (SkipsOption(o))
            {
                continue;
            }

            if (o.Data.Length > ushort.MaxValue
                || !(writer.TryWriteUInt16((ushort)o.Code) && writer.TryWriteUInt16((ushort)o.Data.Length)
                     && writer.TryWriteBytes(o.Data.Span)))
            {
                return false;
            }
        }

        return PadToBlockSize <= 0 || EdnsPadding.TryWriteOption(ref writer, paddingLength);
    }

    private bool SkipsOption(EdnsOption o) => PadToBlockSize > 0 && o.Code == EdnsOptionCode.Padding;

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
