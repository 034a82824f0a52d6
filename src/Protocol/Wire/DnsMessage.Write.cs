using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

public sealed partial class DnsMessage
{
    /// <summary>
    /// Encodes the message. When the limit is reached, whole RRsets are dropped from the point of
    /// overflow on and TC is set (RFC 2181 §9), except that records dropped from the additional
    /// section alone do not set TC (RFC 1035 §7.1 / RFC 2181 §9). OPT is always kept: its space
    /// is reserved first. Returns false only when not even header, question and OPT fit.
    /// </summary>
    public bool TryWrite(ref DnsWriter writer)
    {
        int optSize = Edns?.WireSize ?? 0;
        DnsHeader header = Header;
        header.QuestionCount = (ushort)Questions.Count;
        if (!writer.TryWriteBytes(new byte[DnsHeader.Size]))
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

        var sections = new DnsSectionWriter(optSize);
        header.AnswerCount = sections.Write(ref writer, Answers, out bool full);
        header.AuthorityCount = full ? (ushort)0 : sections.Write(ref writer, Authority, out full);
        bool truncated = full;
        header.AdditionalCount = full ? (ushort)0 : sections.Write(ref writer, Additional, out _);
        if (truncated)
        {
            header.Truncated = true;
        }

        if (Edns is not null)
        {
            if (!Edns.TryWrite(ref writer))
            {
                return false;
            }

            header.AdditionalCount++;
        }

        header.WriteTo(writer.Buffer);
        return true;
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

    /// <summary>Writes one section RRset by RRset, leaving room for the OPT record.</summary>
    private readonly struct DnsSectionWriter(int reserve)
    {
        public ushort Write(ref DnsWriter writer, List<ResourceRecord> records, out bool full)
        {
            ushort count = 0;
            int i = 0;
            full = false;
            while (i < records.Count)
            {
                int end = i + 1;
                while (end < records.Count && SameRrset(records[i], records[end]))
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
                    return count;
                }

                count += (ushort)(end - i);
                i = end;
            }

            return count;
        }

        private static bool SameRrset(ResourceRecord a, ResourceRecord b) =>
            a.Type == b.Type && a.Class == b.Class && a.Name.Equals(b.Name);
    }
}
