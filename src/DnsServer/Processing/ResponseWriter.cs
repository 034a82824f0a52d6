using SplitDns.Forwarders;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

/// <summary>
/// Encodes a <see cref="QueryContext"/>'s response into a span, once (STYLE rule 8): whole
/// RRsets only; when the answer or authority section does not fit, the rest is dropped and TC is
/// set (RFC 2181 §9); overflow of the additional section alone just drops records (RFC 1035
/// §7.1 practice). The OPT record's room is reserved first. Allocates nothing.
/// </summary>
internal static class ResponseWriter
{
    /// <summary>The UDP payload size we advertise in OPT (RFC 9715 guidance).</summary>
    public const ushort AdvertisedPayload = 1232;

    private static readonly byte[] s_headerPlaceholder = new byte[DnsHeader.Size];

    public static int Write(QueryContext ctx, Span<byte> buffer)
    {
        if (ctx.HasForwarded)
        {
            int forwarded = WriteForwarded(ctx, buffer);
            if (forwarded > 0)
            {
                return forwarded;
            }
        }

        var w = new DnsWriter(buffer, Math.Min(ctx.MaxResponseSize, buffer.Length));
        var header = new DnsHeader { Id = ctx.Id };
        header.IsResponse = true;
        header.Opcode = DnsOpcode.Query;
        header.RecursionDesired = ctx.RecursionDesired;
        header.CheckingDisabled = ctx.CheckingDisabled;
        header.AuthoritativeAnswer = ctx.AuthoritativeAnswer;
        header.RecursionAvailable = ctx.RecursionAvailable;
        header.Rcode = (int)ctx.Rcode & 0xF;
        header.QuestionCount = 1;
        w.TryWriteBytes(s_headerPlaceholder);
        ReadOnlySpan<byte> qname = ctx.QuestionName.Wire;
        if (!(w.TryWriteName(qname) && w.TryWriteUInt16((ushort)ctx.QuestionType) && w.TryWriteUInt16((ushort)ctx.QuestionClass)))
        {
            return 0;
        }

        int reserve = ctx.HasEdns ? OptSize(ctx) : 0;
        bool full = false;
        header.AnswerCount = WriteSection(ref w, ctx.Answer, qname, reserve, ref full);
        header.AuthorityCount = full ? (ushort)0 : WriteSection(ref w, ctx.Authority, qname, reserve, ref full);
        header.Truncated = full;
        bool additionalFull = full;
        header.AdditionalCount = full ? (ushort)0 : WriteSection(ref w, ctx.Additional, qname, reserve, ref additionalFull);
        if (ctx.HasEdns)
        {
            if (!TryWriteOpt(ref w, ctx))
            {
                return 0;
            }

            header.AdditionalCount++;
        }

        header.WriteTo(buffer);
        return w.Position;
    }

    /// <summary>
    /// Copies an encoded forwarded answer (ID, RD, question case and TTLs patched by the cache
    /// entry) and appends our OPT. When it does not fit the client's size, its records move into
    /// the sections so the normal writer truncates by whole RRsets (RFC 2181 §9); returns 0 then.
    /// </summary>
    private static int WriteForwarded(QueryContext ctx, Span<byte> buffer)
    {
        ForwardResult result = ctx.Forwarded;
        int limit = Math.Min(ctx.MaxResponseSize, buffer.Length);
        int reserve = ctx.HasEdns ? OptSize(ctx) : 0;
        if (result.Response!.Length + reserve <= limit)
        {
            int length = result.WriteTo(buffer, ctx.Id, ctx.QuestionName.Wire, ctx.RecursionDesired);
            if (length > 0 && ctx.HasEdns)
            {
                var w = new DnsWriter(buffer[length..limit]);
                if (!TryWriteOpt(ref w, ctx))
                {
                    return 0;
                }

                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(buffer[10..],
                    (ushort)(System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(buffer[10..]) + 1));
                length += w.Position;
            }

            if (length > 0)
            {
                return length;
            }
        }

        DnsMessage message = result.ToMessage(ctx.Id, ctx.RecursionDesired);
        ctx.ClearForwarded();
        ctx.AddRecords(ctx.Answer, message.Answers);
        ctx.AddRecords(ctx.Authority, message.Authority);
        ctx.AddRecords(ctx.Additional, message.Additional);
        return 0;
    }

    private static ushort WriteSection(ref DnsWriter w, List<SectionEntry> entries, ReadOnlySpan<byte> qname, int reserve, ref bool full)
    {
        ushort count = 0;
        foreach (SectionEntry entry in entries)
        {
            // The owner that equals the question is written as the question's bytes: it keeps
            // the client's case (0x20) and compresses to a pointer.
            ReadOnlySpan<byte> owner = DnsName.AsciiEqualsIgnoreCase(entry.Owner.Wire, qname) ? qname : entry.Owner.Wire;
            DnsWriter.Mark mark = w.GetMark();
            ReadOnlySpan<ResourceRecord> records = entry.Rrset.Records;
            bool ok = true;
            for (int i = 0; i < records.Length && ok; i++)
            {
                ok = TryWriteRecord(ref w, owner, records[i]) && w.Position + reserve <= w.Limit;
            }

            if (!ok)
            {
                w.Reset(mark);
                full = true;
                return count;
            }

            count += (ushort)records.Length;
        }

        return count;
    }

    private static bool TryWriteRecord(ref DnsWriter w, ReadOnlySpan<byte> owner, ResourceRecord rr)
    {
        if (w.TryWriteName(owner)
            && w.TryWriteUInt16((ushort)rr.Type)
            && w.TryWriteUInt16((ushort)rr.Class)
            && w.TryWriteUInt32(rr.Ttl)
            && w.TryReserveUInt16(out int lengthOffset)
            && rr.Data.TryWrite(ref w))
        {
            w.PatchUInt16(lengthOffset, (ushort)(w.Position - lengthOffset - 2));
            return true;
        }

        return false;
    }

    private static int OptSize(QueryContext ctx)
    {
        int size = 11 + (ctx.EchoClientSubnet ? ctx.ClientSubnet.OptionSize : 0)
            + (ctx.KeepaliveTimeout >= 0 ? TcpKeepalive.OptionSize : 0)
            + (ctx.HasResponseCookie ? 4 + ctx.ResponseCookie.Length : 0);
        foreach (ExtendedDnsError e in ctx.ExtendedErrors)
        {
            size += 6 + (e.Text?.Length ?? 0);
        }

        return size;
    }

    /// <summary>
    /// RFC 6891 §6.1.2-§6.1.3: root owner, our payload size, extended RCODE, version 0, only the
    /// DO flag echoed (unknown flags cleared), EDE options (RFC 8914 §2; texts are ASCII constants),
    /// the Client Subnet echo when the query's ECS was used (RFC 7871 §7.2.1).
    /// </summary>
    private static bool TryWriteOpt(ref DnsWriter w, QueryContext ctx)
    {
        uint ttl = ((uint)((int)ctx.Rcode >> 4) << 24) | (ctx.DnssecOk ? EdnsRecord.DoFlag : 0u);
        if (!(w.TryWriteByte(0) && w.TryWriteUInt16((ushort)RecordType.OPT) && w.TryWriteUInt16(AdvertisedPayload)
              && w.TryWriteUInt32(ttl) && w.TryReserveUInt16(out int lengthOffset)))
        {
            return false;
        }

        foreach (ExtendedDnsError e in ctx.ExtendedErrors)
        {
            int textLength = e.Text?.Length ?? 0;
            if (!(w.TryWriteUInt16((ushort)EdnsOptionCode.ExtendedDnsError) && w.TryWriteUInt16((ushort)(2 + textLength))
                  && w.TryWriteUInt16((ushort)e.Code) && TryWriteAscii(ref w, e.Text)))
            {
                return false;
            }
        }

        // RFC 7873 §5.2: the client cookie echoed with our fresh server cookie.
        if (ctx.HasResponseCookie
            && !DnsCookie.TryWriteOption(ref w, ctx.ResponseCookie[..DnsCookie.ClientCookieLength], ctx.ResponseCookie[DnsCookie.ClientCookieLength..]))
        {
            return false;
        }

        // RFC 7871 §7.2.1: FAMILY, SOURCE and ADDRESS as in the query; the answer is meant for
        // exactly the disclosed prefix (SCOPE = SOURCE), since any bit of it may change the view.
        if (ctx.EchoClientSubnet && !ctx.ClientSubnet.TryWrite(ref w, ctx.ClientSubnet.SourcePrefixLength))
        {
            return false;
        }

        // RFC 7828 §3.3.2: only ever over TCP (the decoder sets it for TCP queries alone).
        if (ctx.KeepaliveTimeout >= 0 && !TcpKeepalive.TryWrite(ref w, (ushort)ctx.KeepaliveTimeout))
        {
            return false;
        }

        w.PatchUInt16(lengthOffset, (ushort)(w.Position - lengthOffset - 2));
        return true;
    }

    private static bool TryWriteAscii(ref DnsWriter w, string? text)
    {
        if (text is null)
        {
            return true;
        }

        foreach (char c in text)
        {
            if (!w.TryWriteByte(c < 0x80 ? (byte)c : (byte)'?'))
            {
                return false;
            }
        }

        return true;
    }
}
