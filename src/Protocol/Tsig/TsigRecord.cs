using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// The TSIG RR of a message, found by walking it: where it starts, its owner name exactly as
/// received (case kept, decompressed) and its RDATA.
/// </summary>
public sealed class TsigRecord
{
    private TsigRecord(int offset, DnsName ownerName, DnsClass @class, uint ttl, TsigRdata data)
    {
        Offset = offset;
        OwnerName = ownerName;
        Class = @class;
        Ttl = ttl;
        Data = data;
    }

    /// <summary>Offset of the TSIG RR: the message without it is <c>message[..Offset]</c>.</summary>
    public int Offset { get; }

    /// <summary>The key name as the peer wrote it; echoed verbatim in responses (clients match it exactly).</summary>
    public DnsName OwnerName { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    public TsigRdata Data { get; }

    /// <summary>
    /// Finds the TSIG RR. Returns false when the message has none. A TSIG anywhere but as the
    /// last RR of the additional section, a second TSIG, or bytes after it are a format error
    /// (RFC 8945 §5.1: FORMERR).
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> message, out TsigRecord? record)
    {
        record = null;
        if (!DnsHeader.TryRead(message, out DnsHeader header))
        {
            ThrowHelper.Truncated();
        }

        var reader = new DnsReader(message, DnsHeader.Size);
        for (int i = 0; i < header.QuestionCount; i++)
        {
            reader.SkipName();
            reader.Skip(4);
        }

        int before = header.AnswerCount + header.AuthorityCount + header.AdditionalCount - 1;
        int total = before + 1;
        for (int i = 0; i < total; i++)
        {
            int start = reader.Position;
            reader.SkipName();
            var type = (RecordType)reader.ReadUInt16();
            if (type != RecordType.TSIG)
            {
                reader.Skip(6);
                reader.Skip(reader.ReadUInt16());
                continue;
            }

            if (i != before || header.AdditionalCount == 0)
            {
                ThrowHelper.Format(DnsFormatError.BadTsig, "TSIG is not the last record of the additional section");
            }

            reader.Position = start;
            ResourceRecord rr = ResourceRecord.Read(ref reader);
            if (reader.Remaining != 0)
            {
                ThrowHelper.Format(DnsFormatError.TrailingData, "bytes after the TSIG record");
            }

            if (rr.Data is not TsigRdata data)
            {
                return ThrowHelper.Format<bool>(DnsFormatError.BadTsig, "TSIG record without RDATA");
            }

            record = new TsigRecord(start, rr.Name, rr.Class, rr.Ttl, data);
            return true;
        }

        return false;
    }
}
