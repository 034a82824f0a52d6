using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Transfer;

/// <summary>
/// Packs a transfer's RR sequence into as few messages as fit a size limit (RFC 5936 §2.2).
/// Each call writes one message and advances the index; the caller signs and sends it, so
/// messages stream out one by one without holding the zone's wire form in memory.
/// </summary>
public static class XfrMessageWriter
{
    /// <summary>Default payload per message: small enough to leave room for a TSIG RR.</summary>
    public const int DefaultMessageSize = 16 * 1024;

    private static readonly byte[] s_blankHeader = new byte[DnsHeader.Size];

    /// <summary>
    /// Writes one response message into <paramref name="buffer"/> with RRs from
    /// <paramref name="records"/> starting at <paramref name="index"/> (advanced past the RRs
    /// written). The question is repeated in the first message only (RFC 5936 §2.2.1). With
    /// <paramref name="edns"/>, every message ends with that OPT (RFC 6891 §7), within the limit;
    /// a TSIG, if any, is appended after it by the caller. Returns the message length.
    /// </summary>
    public static int Write(Span<byte> buffer, int limit, DnsMessage request, IReadOnlyList<ResourceRecord> records,
        ref int index, bool first, EdnsRecord? edns = null)
    {
        limit = Math.Min(limit, buffer.Length);
        int optSize = edns?.WireSize ?? 0;
        var writer = new DnsWriter(buffer, limit - optSize);
        var header = new DnsHeader { Id = request.Id };
        header.IsResponse = true;
        header.AuthoritativeAnswer = true;
        header.Opcode = DnsOpcode.Query;
        writer.TryWriteBytes(s_blankHeader);
        if (first)
        {
            foreach (DnsQuestion q in request.Questions)
            {
                q.TryWrite(ref writer);
                header.QuestionCount++;
            }
        }

        while (index < records.Count && records[index].TryWrite(ref writer))
        {
            index++;
            header.AnswerCount++;
        }

        if (header.AnswerCount == 0 && index < records.Count)
        {
            throw new InvalidOperationException($"record {records[index].Name} does not fit in a {limit}-byte message");
        }

        int length = writer.Position;
        if (edns is not null)
        {
            // OPT's owner is the root: no compression pointer, so it can be written apart.
            var tail = new DnsWriter(buffer[length..limit]);
            if (!edns.TryWrite(ref tail))
            {
                throw new InvalidOperationException("no room for the OPT of a transfer message");
            }

            length += tail.Position;
            header.AdditionalCount = 1;
        }

        header.WriteTo(buffer);
        return length;
    }

    /// <summary>A message with only an RCODE (REFUSED, NOTAUTH, ...) answering a transfer request.</summary>
    public static byte[] Error(DnsMessage request, DnsRcode rcode)
    {
        DnsMessage response = request.CreateResponse();
        response.Rcode = rcode;
        return response.ToArray();
    }
}
