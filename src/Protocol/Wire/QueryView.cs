using System.Buffers.Binary;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// The query hot path: header, the single question and the OPT record read straight from the
/// packet with zero allocation. The question name is decompressed into a caller buffer.
/// Malformed input throws <see cref="DnsFormatException"/>; the caller answers FORMERR.
/// </summary>
public ref struct QueryView
{
    public DnsHeader Header;

    /// <summary>Uncompressed wire form of the question name, case as received (0x20).</summary>
    public ReadOnlySpan<byte> QuestionName;

    public RecordType QuestionType;

    public DnsClass QuestionClass;

    /// <summary>Offset just past the question section in the packet.</summary>
    public int QuestionEnd;

    public bool HasEdns;

    public ushort UdpPayloadSize;

    public byte EdnsVersion;

    public ushort EdnsFlags;

    /// <summary>Offset and length of the OPT RDATA (options) inside the packet.</summary>
    public int EdnsOptionsOffset;

    public int EdnsOptionsLength;

    /// <summary>True when the message ends with a TSIG record.</summary>
    public bool HasTsig;

    public readonly bool DnssecOk => (EdnsFlags & EdnsRecord.DoFlag) != 0;

    /// <summary>
    /// Parses a query packet. Requires QDCOUNT == 1; the answer and authority sections (UPDATE's
    /// prerequisites and updates) are skipped but must be well formed and hold no OPT or TSIG.
    /// <paramref name="nameBuffer"/> must hold at least <see cref="DnsName.MaxLength"/> bytes.
    /// </summary>
    public static QueryView Parse(ReadOnlySpan<byte> packet, Span<byte> nameBuffer)
    {
        if (nameBuffer.Length < DnsName.MaxLength)
        {
            throw new ArgumentException("the name buffer must hold 255 bytes", nameof(nameBuffer));
        }

        var view = default(QueryView);
        if (!DnsHeader.TryRead(packet, out view.Header))
        {
            ThrowHelper.Format(DnsFormatError.Truncated, "message shorter than the 12-byte header");
        }

        if (view.Header.QuestionCount != 1)
        {
            ThrowHelper.Format(DnsFormatError.CountMismatch, "a query must have exactly one question");
        }

        var reader = new DnsReader(packet, DnsHeader.Size);
        int nameLength = reader.ReadName(nameBuffer);
        view.QuestionName = nameBuffer[..nameLength];
        view.QuestionType = (RecordType)reader.ReadUInt16();
        view.QuestionClass = (DnsClass)reader.ReadUInt16();
        view.QuestionEnd = reader.Position;
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        int skip = view.Header.AnswerCount + view.Header.AuthorityCount;
        for (int i = 0; i < skip; i++)
        {
            RecordType type = SkipRecord(ref reader, scratch, out _, out _);
            if (type is RecordType.OPT or RecordType.TSIG)
            {
                // RFC 6891 §6.1.1 and RFC 8945 §5.1: both live in the additional section only.
                ThrowHelper.Format(type == RecordType.OPT ? DnsFormatError.BadOpt : DnsFormatError.BadTsig,
                    "OPT or TSIG outside the additional section");
            }
        }

        view.ReadAdditional(packet, ref reader, scratch);
        if (reader.Remaining != 0)
        {
            ThrowHelper.Format(DnsFormatError.TrailingData, "bytes after the last record");
        }

        return view;
    }

    /// <summary>Reads OPT and notes TSIG in the additional section (RFC 6891 §6.1.1, RFC 8945 §5.1).</summary>
    private void ReadAdditional(ReadOnlySpan<byte> packet, ref DnsReader reader, scoped Span<byte> scratch)
    {
        for (int i = 0; i < Header.AdditionalCount; i++)
        {
            RecordType type = SkipRecord(ref reader, scratch, out int ownerLength, out int fixedOffset);
            if (type == RecordType.OPT)
            {
                ReadOpt(packet, ownerLength, fixedOffset, reader.Position);
            }
            else if (type == RecordType.TSIG)
            {
                if (i != Header.AdditionalCount - 1)
                {
                    ThrowHelper.Format(DnsFormatError.BadTsig, "TSIG is not the last record");
                }

                HasTsig = true;
            }
        }
    }

    /// <summary>The COOKIE option split into client and server cookie (RFC 7873 §4); false when absent.</summary>
    public readonly bool TryGetCookie(ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> clientCookie, out ReadOnlySpan<byte> serverCookie)
    {
        if (TryGetOption(packet, EdnsOptionCode.Cookie, out ReadOnlySpan<byte> data))
        {
            DnsCookie.Parse(data, out clientCookie, out serverCookie);
            return true;
        }

        clientCookie = default;
        serverCookie = default;
        return false;
    }

    /// <param name="fixedOffset">Offset of the TYPE field, just past the owner name.</param>
    private void ReadOpt(ReadOnlySpan<byte> packet, int ownerLength, int fixedOffset, int end)
    {
        if (HasEdns)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "more than one OPT record");
        }

        if (ownerLength != 1)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "OPT owner name is not the root");
        }

        HasEdns = true;
        UdpPayloadSize = BinaryPrimitives.ReadUInt16BigEndian(packet[(fixedOffset + 2)..]);
        EdnsVersion = packet[fixedOffset + 5];
        EdnsFlags = BinaryPrimitives.ReadUInt16BigEndian(packet[(fixedOffset + 6)..]);
        EdnsOptionsOffset = fixedOffset + 10;
        EdnsOptionsLength = end - EdnsOptionsOffset;

        // Validate the option framing now so later readers can trust it (RFC 6891 §6.1.2).
        ReadOnlySpan<byte> options = packet.Slice(EdnsOptionsOffset, EdnsOptionsLength);
        int i = 0;
        while (i < options.Length)
        {
            if (i + 4 > options.Length
                || i + 4 + BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]) > options.Length)
            {
                ThrowHelper.Format(DnsFormatError.BadOpt, "truncated EDNS option");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
            if (BinaryPrimitives.ReadUInt16BigEndian(options[i..]) == (ushort)EdnsOptionCode.Cookie)
            {
                // RFC 7873 §5.2.2: a malformed COOKIE is answered with FORMERR.
                DnsCookie.Validate(options.Slice(i + 4, length));
            }

            i += 4 + length;
        }
    }

    /// <summary>Finds an EDNS option's data in the packet; false when absent.</summary>
    public readonly bool TryGetOption(ReadOnlySpan<byte> packet, EdnsOptionCode code, out ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> options = packet.Slice(EdnsOptionsOffset, EdnsOptionsLength);
        int i = 0;
        while (i + 4 <= options.Length)
        {
            ushort c = BinaryPrimitives.ReadUInt16BigEndian(options[i..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
            if (c == (ushort)code)
            {
                data = options.Slice(i + 4, length);
                return true;
            }

            i += 4 + length;
        }

        data = default;
        return false;
    }

    private static RecordType SkipRecord(ref DnsReader reader, scoped Span<byte> scratch, out int ownerLength, out int fixedOffset)
    {
        if (reader.Remaining < 11)
        {
            ThrowHelper.Format(DnsFormatError.CountMismatch, "record count larger than the records present");
        }

        ownerLength = reader.ReadName(scratch);
        fixedOffset = reader.Position;
        var type = (RecordType)reader.ReadUInt16();
        reader.Skip(6);
        int length = reader.ReadUInt16();
        if (length > reader.Remaining)
        {
            ThrowHelper.Format(DnsFormatError.RdataLength, "RDLENGTH runs past the end of the message");
        }

        reader.Skip(length);
        return type;
    }
}
