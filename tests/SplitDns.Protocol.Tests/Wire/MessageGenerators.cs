using System.Net;
using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

/// <summary>FsCheck generators for whole messages built from the RR types the protocol library knows.</summary>
internal static class MessageGenerators
{
    private static readonly string[] s_labels = ["www", "mail", "ns1", "a", "b", "example", "Example", "com", "org", "x-y", "_tcp"];

    private static readonly RecordType[] s_types =
        [RecordType.A, RecordType.AAAA, RecordType.NS, RecordType.CNAME, RecordType.MX, RecordType.TXT, RecordType.SOA, (RecordType)65280];

    public static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    /// <summary>Names of 0..4 labels drawn mostly from a small pool, so suffixes repeat and compress.</summary>
    public static Gen<DnsName> Name =>
        Gen.Frequency(
            (6, Gen.Elements(s_labels)),
            (2, Gen.Choose(1, 10).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()), n)).Select(c => new string(c))),
            (1, Gen.Constant(new string('L', 63))))
        .ListOf().Select(labels =>
        {
            DnsName name = DnsName.Root;
            for (int i = 0; i < Math.Min(labels.Count, 4) && name.WireLength + labels[i].Length + 1 <= DnsName.MaxLength; i++)
            {
                name = name.Prepend(System.Text.Encoding.ASCII.GetBytes(labels[i]));
            }

            return name;
        });

    public static Gen<Rdata> RdataOf(RecordType type) => type switch
    {
        RecordType.A => Bytes(4, 4).Select(b => (Rdata)new ARdata(new IPAddress(b))),
        RecordType.AAAA => Bytes(16, 16).Select(b => (Rdata)new AaaaRdata(new IPAddress(b))),
        RecordType.NS => Name.Select(n => (Rdata)new NsRdata(n)),
        RecordType.CNAME => Name.Select(n => (Rdata)new CnameRdata(n)),
        RecordType.MX => Gen.Choose(0, 65535).SelectMany(p => Name.Select(n => (Rdata)new MxRdata((ushort)p, n))),
        RecordType.TXT => Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(Bytes(0, 60), n)).Select(s => (Rdata)new TxtRdata(s)),
        RecordType.SOA => Gen.Zip(Name, Name).SelectMany(names => Gen.ArrayOf(Gen.Choose(0, int.MaxValue), 5).Select(v =>
            (Rdata)new SoaRdata(names.Item1, names.Item2, (uint)v[0] * 2, (uint)v[1], (uint)v[2], (uint)v[3], (uint)v[4]))),
        _ => Bytes(0, 40).Select(b => (Rdata)new UnknownRdata(type, b)),
    };

    /// <summary>One RRset: 1..4 records sharing owner, type and class.</summary>
    public static Gen<List<ResourceRecord>> Rrset =>
        from owner in Name
        from type in Gen.Elements(s_types)
        from ttl in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 4)
        from data in Gen.ListOf(RdataOf(type), count)
        select data.Select(d => new ResourceRecord(owner, type, DnsClass.IN, (uint)ttl, d)).ToList();

    public static Gen<List<ResourceRecord>> Section(int maxRrsets) =>
        Gen.Choose(0, maxRrsets).SelectMany(n => Gen.ListOf(Rrset, n)).Select(sets => sets.SelectMany(s => s).ToList());

    public static Gen<EdnsOption> Option =>
        Gen.OneOf(
            Gen.Elements(8, 16, 24, 40).SelectMany(n => Bytes(n, n)).Select(b => new EdnsOption(EdnsOptionCode.Cookie, b)),
            Gen.Choose(0, 40).Select(n => new EdnsOption(EdnsOptionCode.Padding, new byte[n])),
            Gen.Choose(0, 24).SelectMany(c => Gen.Elements("", "blocked", "upstream timed out")
                .Select(t => new EdnsOption(EdnsOptionCode.ExtendedDnsError, new ExtendedDnsError((ExtendedDnsErrorCode)c, t.Length == 0 ? null : t).ToOptionData()))),
            Bytes(0, 20).Select(b => new EdnsOption(EdnsOptionCode.Nsid, b)),
            Gen.Choose(65001, 65534).SelectMany(c => Bytes(0, 10).Select(b => new EdnsOption((EdnsOptionCode)c, b))));

    public static Gen<EdnsRecord?> Edns =>
        Gen.Frequency(
            (1, Gen.Constant<EdnsRecord?>(null)),
            (3, from payload in Gen.Choose(0, 65535)
                from ttl in Gen.Choose(int.MinValue, int.MaxValue)
                from options in Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Option, n))
                select (EdnsRecord?)Build((ushort)payload, (uint)ttl, options)));

    /// <summary>A whole message; <paramref name="withTc"/> false keeps TC clear (truncation tests check it).</summary>
    public static Gen<DnsMessage> Message(bool withTc = true) =>
        from id in Gen.Choose(0, 65535)
        from flags in Gen.Choose(0, 65535)
        from questions in Gen.Choose(0, 2).SelectMany(n => Gen.ListOf(Question, n))
        from answers in Section(4)
        from authority in Section(3)
        from additional in Section(3)
        from edns in Edns
        select Assemble((ushort)id, (ushort)(withTc ? flags : flags & ~0x0200), questions, answers, authority, additional, edns);

    private static Gen<DnsQuestion> Question =>
        from name in Name
        from type in Gen.Elements(s_types)
        select new DnsQuestion(name, type);

    private static EdnsRecord Build(ushort payload, uint ttl, List<EdnsOption> options)
    {
        var edns = new EdnsRecord
        {
            UdpPayloadSize = payload,
            ExtendedRcode = (byte)(ttl >> 24),
            Version = (byte)(ttl >> 16),
            Flags = (ushort)ttl,
        };
        edns.Options.AddRange(options);
        return edns;
    }

    private static DnsMessage Assemble(ushort id, ushort flags, List<DnsQuestion> questions, List<ResourceRecord> answers,
        List<ResourceRecord> authority, List<ResourceRecord> additional, EdnsRecord? edns)
    {
        var m = new DnsMessage { Edns = edns };
        m.Header.Id = id;
        m.Header.Flags = flags;
        m.Questions.AddRange(questions);
        m.Answers.AddRange(answers);
        m.Authority.AddRange(authority);
        m.Additional.AddRange(additional);
        return m;
    }
}
