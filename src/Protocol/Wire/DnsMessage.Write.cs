using System.Buffers;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

public sealed partial class DnsMessage
{
    /// <summary>
    /// Encodes the message at the start of the writer's buffer (compression pointers are offsets
    /// from there). When the limit is reached, whole RRsets are dropped from the point of
    /// overflow on and TC is set (RFC 2181 §9), except that records dropped from the additional
    /// section alone do not set TC (RFC 1035 §7.1 / RFC 2181 §9). OPT (RFC 6891 §7) and a final
    /// TSIG (RFC 8945 §5.3) are always kept, TSIG last: their space is reserved first. Returns
    /// false only when not even header, question, OPT and TSIG fit. Allocates nothing.
    /// </summary>
    public bool TryWrite(ref DnsWriter writer)
    {
        if (writer.Position != 0)
        {
            throw new ArgumentException("a message must start at offset 0 of the writer's buffer", nameof(writer));
        }

        ResourceRecord? tsig = Tsig;
        int tsigSize = tsig is null ? 0 : UncompressedSize(tsig);
        int optSize = Edns?.WireSize ?? 0;
        DnsHeader header = Header;
        header.QuestionCount = (ushort)Questions.Count;
        if (!writer.TryWriteZeros(DnsHeader.Size))
        {
            return false;
        }

        foreach (DnsQuestion q in Questions)
        {
            if (!q.TryWrite(ref writer))
            {
                return false;
            }
        }

        int additionalCount = tsig is null ? Additional.Count : Additional.Count - 1;
        var sections = new DnsSectionWriter(optSize + tsigSize);
        header.AnswerCount = sections.Write(ref writer, Answers, Answers.Count, out bool full);
        header.AuthorityCount = full ? (ushort)0 : sections.Write(ref writer, Authority, Authority.Count, out full);
        bool truncated = full;
        header.AdditionalCount = full ? (ushort)0 : sections.Write(ref writer, Additional, additionalCount, out _);
        if (truncated)
        {
            header.Truncated = true;
        }

        if (!TryWritePseudoRecords(ref writer, tsig, optSize + tsigSize, ref header))
        {
            return false;
        }

        header.WriteTo(writer.Buffer);
        return true;
    }

    /// <summary>Encodes into <paramref name="destination"/>, using at most <paramref name="limit"/> bytes.</summary>
    public bool TryWrite(Span<byte> destination, int limit, out int written)
    {
        var writer = new DnsWriter(destination, limit);
        bool ok = TryWrite(ref writer);
        written = ok ? writer.Position : 0;
        return ok;
    }

    /// <summary>Encodes into a new array (tests, XFR, upstream queries; not the hot path).</summary>
    public byte[] ToArray(int limit = 65535)
    {
        byte[] buffer = new byte[65535];
        var writer = new DnsWriter(buffer, limit);
        if (!TryWrite(ref writer))
        {
            throw new InvalidOperationException("message header and question do not fit the limit");
        }

        return writer.Written.ToArray();
    }

    /// <summary>A response skeleton: same ID, opcode, RD and question; QR set.</summary>
    public DnsMessage CreateResponse()
    {
        var response = new DnsMessage();
        response.Header.Id = Header.Id;
        response.Header.IsResponse = true;
        response.Header.Opcode = Header.Opcode;
        response.Header.RecursionDesired = Header.RecursionDesired;
        response.Header.CheckingDisabled = Header.CheckingDisabled;
        response.Questions.AddRange(Questions);
        return response;
    }

    private bool TryWritePseudoRecords(ref DnsWriter writer, ResourceRecord? tsig, int reserved, ref DnsHeader header)
    {
        if (Edns is not null)
        {
            // RFC 8467 §4.1: pad the whole message (TSIG included) to the block size, never past the limit.
            int padding = EdnsPadding.PaddingLength(writer.Position + reserved, Edns.PadToBlockSize, writer.Limit);
            if (!Edns.TryWrite(ref writer, padding))
            {
                return false;
            }

            header.AdditionalCount++;
        }

        if (tsig is not null)
        {
            // Uncompressed so the reserved size is exact; RFC 8945 §4.2 signs it apart anyway.
            bool compression = writer.CompressionEnabled;
            writer.CompressionEnabled = false;
            bool ok = tsig.TryWrite(ref writer);
            writer.CompressionEnabled = compression;
            if (!ok)
            {
                return false;
            }

            header.AdditionalCount++;
        }

        return true;
    }

    private static int UncompressedSize(ResourceRecord rr)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            var probe = new DnsWriter(scratch, 65535);
            probe.DisableCompression();
            return rr.TryWrite(ref probe) ? probe.Position : 65535;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Writes one section RRset by RRset, leaving room for the OPT and TSIG records.</summary>
    private readonly struct DnsSectionWriter(int reserve)
    {
        public ushort Write(ref DnsWriter writer, List<ResourceRecord> records, int count, out bool full)
        {
            ushort written = 0;
            int i = 0;
            full = false;
            while (i < count)
            {
                int end = i + 1;
                while (end < count && SameRrset(records[i], records[end]))
                {
                    end++;
                }

                DnsWriter.Mark mark = writer.GetMark();
                bool ok = true;
                for (int j = i; j < end && ok; j++)
                {
                    ok = records[j].TryWrite(ref writer) && writer.Position + reserve <= writer.Limit;
                }

                if (!ok)
                {
                    writer.Reset(mark);
                    full = true;
                    return written;
                }

                written += (ushort)(end - i);
                i = end;
            }

            return written;
        }

        private static bool SameRrset(ResourceRecord a, ResourceRecord b) =>
            a.Type == b.Type && a.Class == b.Class && a.Name.Equals(b.Name);
    }
}
