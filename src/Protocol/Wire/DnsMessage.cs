using System.Text;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// A whole message with every section parsed (UPDATE, XFR, upstream answers, tests). The query
/// hot path does not use this type: it reads with <see cref="QueryView"/>. OPT is lifted out of
/// the additional section into <see cref="Edns"/>; a TSIG RR stays last in
/// <see cref="Additional"/> (it is verified on raw bytes, RFC 8945 §5.2).
/// </summary>
public sealed partial class DnsMessage
{
    public DnsHeader Header;

    public List<DnsQuestion> Questions { get; } = [];

    public List<ResourceRecord> Answers { get; } = [];

    public List<ResourceRecord> Authority { get; } = [];

    public List<ResourceRecord> Additional { get; } = [];

    public EdnsRecord? Edns { get; set; }

    public ushort Id
    {
        get => Header.Id;
        set => Header.Id = value;
    }

    /// <summary>The full 12-bit RCODE (header bits plus the OPT extension, RFC 6891 §6.1.3).</summary>
    public DnsRcode Rcode
    {
        get => (DnsRcode)(Header.Rcode | ((Edns?.ExtendedRcode ?? 0) << 4));
        set
        {
            Header.Rcode = (int)value & 0xF;
            if (Edns is not null)
            {
                Edns.ExtendedRcode = (byte)((int)value >> 4);
            }
        }
    }

    /// <summary>The TSIG RR when it is the last additional record.</summary>
    public ResourceRecord? Tsig => Additional.Count > 0 && Additional[^1].Type == RecordType.TSIG ? Additional[^1] : null;

    public static DnsMessage Parse(ReadOnlySpan<byte> packet)
    {
        if (!DnsHeader.TryRead(packet, out DnsHeader header))
        {
            ThrowHelper.Format(DnsFormatError.Truncated, "message shorter than the 12-byte header");
        }

        var message = new DnsMessage { Header = header };
        var reader = new DnsReader(packet, DnsHeader.Size);
        for (int i = 0; i < header.QuestionCount; i++)
        {
            message.Questions.Add(DnsQuestion.Read(ref reader));
        }

        ReadSection(ref reader, header.AnswerCount, message.Answers, DnsSection.Answer);
        ReadSection(ref reader, header.AuthorityCount, message.Authority, DnsSection.Authority);
        ReadSection(ref reader, header.AdditionalCount, message.Additional, DnsSection.Additional);
        if (reader.Remaining != 0)
        {
            ThrowHelper.Format(DnsFormatError.TrailingData, "bytes after the last record");
        }

        message.LiftPseudoRecords();
        return message;
    }

    private static void ReadSection(ref DnsReader reader, int count, List<ResourceRecord> into, DnsSection section)
    {
        for (int i = 0; i < count; i++)
        {
            // Each RR takes at least 11 bytes: a lying count fails fast instead of looping.
            if (reader.Remaining < 11)
            {
                ThrowHelper.Format(DnsFormatError.CountMismatch, $"{section} count larger than the records present");
            }

            ResourceRecord rr = ResourceRecord.Read(ref reader);
            if (section != DnsSection.Additional && rr.Type is RecordType.OPT or RecordType.TSIG)
            {
                ThrowHelper.Format(rr.Type == RecordType.OPT ? DnsFormatError.BadOpt : DnsFormatError.BadTsig,
                    $"{rr.Type} outside the additional section");
            }

            into.Add(rr);
        }
    }

    private void LiftPseudoRecords()
    {
        for (int i = 0; i < Additional.Count; i++)
        {
            ResourceRecord rr = Additional[i];
            if (rr.Type == RecordType.OPT)
            {
                if (Edns is not null)
                {
                    ThrowHelper.Format(DnsFormatError.BadOpt, "more than one OPT record");
                }

                Edns = EdnsRecord.FromRecord(rr);
                Additional.RemoveAt(i);
                i--;
            }
            else if (rr.Type == RecordType.TSIG && i != Additional.Count - 1)
            {
                ThrowHelper.Format(DnsFormatError.BadTsig, "TSIG is not the last record");
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(";; id ").Append(Header.Id).Append(", opcode ").Append(Header.Opcode)
          .Append(", rcode ").Append(Rcode).Append(", flags 0x").Append(Header.Flags.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
        if (Edns is not null)
        {
            sb.Append(";; ").Append(Edns).AppendLine();
        }

        foreach (DnsQuestion q in Questions)
        {
            sb.Append(";").Append(q).AppendLine();
        }

        AppendSection(sb, "ANSWER", Answers);
        AppendSection(sb, "AUTHORITY", Authority);
        AppendSection(sb, "ADDITIONAL", Additional);
        return sb.ToString();
    }

    private static void AppendSection(StringBuilder sb, string name, List<ResourceRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        sb.Append(";; ").Append(name).AppendLine();
        foreach (ResourceRecord rr in records)
        {
            sb.Append(rr).AppendLine();
        }
    }
}
