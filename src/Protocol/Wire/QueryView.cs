using System.Buffers.Binary;
using SplitDns.Protocol.Edns;
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
    /// Parses a packet. Requires QDCOUNT == 1 unless <paramref name="allowNoQuestion"/>; the
    /// answer and authority sections of a query are skipped but must be well formed.
    /// </summary>
    public static QueryView Parse(ReadOnlySpan<byte> packet, Span<byte> nameBuffer)
    {
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
        int skip = view.Header.AnswerCount + view.Header.AuthorityCount;
        for (int i = 0; i < skip; i++)
        {
            // RFC 6891 §6.1.1: OPT may only appear in the additional section.
            if (SkipRecord(ref reader, out _) == RecordType.OPT)
            {
                ThrowHelper.Format(DnsFormatError.BadOpt, "OPT outside the additional section");
            }
        }

        for (int i = 0; i < view.Header.AdditionalCount; i++)
        {
            int start = reader.Position;
            RecordType type = SkipRecord(ref reader, out int rdataOffset);
            if (type == RecordType.OPT)
            {
                view.ReadOpt(packet, start, rdataOffset, reader.Position);
            }
            else if (type == RecordType.TSIG)
            {
                if (i != view.Header.AdditionalCount - 1)
                {
                    ThrowHelper.Format(DnsFormatError.BadTsig, "TSIG is not the last record");
                }

                view.HasTsig = true;
            }
        }

        if (reader.Remaining != 0)
        {
            ThrowHelper.Format(DnsFormatError.TrailingData, "bytes after the last record");
        }

        return view;
    }

    private void ReadOpt(ReadOnlySpan<byte> packet, int start, int rdataOffset, int end)
    {
        if (HasEdns)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "more than one OPT record");
        }

        if (packet[start] != 0)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "OPT owner name is not the root");
        }

        HasEdns = true;
        UdpPayloadSize = BinaryPrimitives.ReadUInt16BigEndian(packet[(start + 3)..]);
        EdnsVersion = packet[start + 6];
        EdnsFlags = BinaryPrimitives.ReadUInt16BigEndian(packet[(start + 7)..]);
        EdnsOptionsOffset = rdataOffset;
        EdnsOptionsLength = end - rdataOffset;

        // Validate the option framing now so later readers can trust it (RFC 6891 §6.1.2).
        ReadOnlySpan<byte> options = packet.Slice(rdataOffset, EdnsOptionsLength);
        int i = 0;
        while (i < options.Length)
        {
            if (i + 4 > options.Length
                || i + 4 + BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]) > options.Length)
            {
                ThrowHelper.Format(DnsFormatError.BadOpt, "truncated EDNS option");
            }

            i += 4 + BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
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

    private static RecordType SkipRecord(ref DnsReader reader, out int rdataOffset)
    {
        if (reader.Remaining < 11)
        {
            ThrowHelper.Format(DnsFormatError.CountMismatch, "record count larger than the records present");
        }

        reader.SkipName();
        var type = (RecordType)reader.ReadUInt16();
        reader.Skip(6);
        int length = reader.ReadUInt16();
        rdataOffset = reader.Position;
        if (length > reader.Remaining)
        {
            ThrowHelper.Format(DnsFormatError.RdataLength, "RDLENGTH runs past the end of the message");
        }

        reader.Skip(length);
        return type;
    }
}
