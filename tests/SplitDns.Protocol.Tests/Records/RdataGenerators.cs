using System.Buffers.Binary;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

/// <summary>
/// One generated record: its type and a builder that applies a transformation to every name
/// inside the RDATA, so the same record can be built with names in different case.
/// </summary>
internal sealed record RdataCase(RecordType Type, Func<Func<DnsName, DnsName>, Rdata> Build)
{
    public Rdata Value => Build(static n => n);

    public override string ToString() => $"{RecordTypeNames.ToText(Type)} {Value}";
}

/// <summary>FsCheck generators for names and every typed RDATA.</summary>
internal static class RdataGenerators
{
    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*";

    public static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(static b => (byte)b);

    /// <summary>Mostly host-name characters, sometimes bytes that need \X or \DDD escapes.</summary>
    public static readonly Gen<byte> LabelByte = Gen.Frequency(
        (8, Gen.Elements(Plain.ToCharArray()).Select(static c => (byte)c)),
        (2, Gen.Elements((byte)'.', (byte)'\\', (byte)'"', (byte)' ', (byte)'(', (byte)')', (byte)';', (byte)'@', (byte)'$', (byte)0, (byte)0x7f, (byte)0xff, (byte)0xc0)),
        (1, AnyByte));

    public static readonly Gen<byte[]> Label =
        Gen.Frequency((6, Gen.Choose(1, 8)), (1, Gen.Choose(9, 63))).SelectMany(n => LabelByte.ArrayOf(n));

    public static readonly Gen<DnsName> Name = Gen.Frequency(
        (8, Gen.Choose(0, 4)), (1, Gen.Choose(5, 12))).SelectMany(n => Label.ArrayOf(n)).Select(BuildName);

    public static readonly Gen<ushort> UInt16 = Gen.Choose(0, 65535).Select(static v => (ushort)v);

    public static readonly Gen<uint> UInt32 = Gen.Zip(UInt16, UInt16, static (hi, lo) => ((uint)hi << 16) | lo);

    public static readonly Gen<byte[]> CharacterString = Gen.Frequency((6, Bytes(0, 12)), (1, Bytes(13, 255)));

    public static readonly Gen<RecordType> AnyType = Gen.Frequency(
        (6, Gen.Choose(1, 260).Select(static t => (RecordType)t)),
        (1, UInt16.Select(static t => (RecordType)t)));

    public static Gen<byte[]> Bytes(int min, int max) => Gen.Choose(min, max).SelectMany(n => AnyByte.ArrayOf(n));

    /// <summary>Joins labels right to left, dropping leftmost ones that would pass 255 octets.</summary>
    public static DnsName BuildName(byte[][] labels)
    {
        DnsName name = DnsName.Root;
        for (int i = labels.Length - 1; i >= 0; i--)
        {
            if (name.WireLength + labels[i].Length + 1 > DnsName.MaxLength)
            {
                break;
            }

            name = name.Prepend(labels[i]);
        }

        return name;
    }

    /// <summary>ASCII letters upper-cased (label length octets are below 'A', so the wire stays valid).</summary>
    public static DnsName Upper(DnsName name)
    {
        byte[] wire = name.Wire.ToArray();
        for (int i = 0; i < wire.Length; i++)
        {
            if (wire[i] is >= (byte)'a' and <= (byte)'z')
            {
                wire[i] = (byte)(wire[i] - 32);
            }
        }

        return DnsName.FromWire(wire);
    }

    public static DnsName Lower(DnsName name) => name.ToLowerInvariant();

    public static Gen<RdataCase> AnyRdata => Gen.OneOf(
        Case(RecordType.A, Bytes(4, 4), static b => new ARdata(new IPAddress(b))),
        Case(RecordType.AAAA, Bytes(16, 16), static b => new AaaaRdata(new IPAddress(b))),
        NameCase(RecordType.NS, static n => new NsRdata(n)),
        NameCase(RecordType.CNAME, static n => new CnameRdata(n)),
        NameCase(RecordType.PTR, static n => new PtrRdata(n)),
        NameCase(RecordType.DNAME, static n => new DnameRdata(n)),
        Soa(),
        from p in UInt16 from n in Name select new RdataCase(RecordType.MX, f => new MxRdata(p, f(n))),
        Case(RecordType.TXT, Gen.Choose(1, 4).SelectMany(c => CharacterString.ArrayOf(c)), static s => new TxtRdata(s)),
        Case(RecordType.HINFO, Gen.Two(CharacterString), static s => new HinfoRdata(s.Item1, s.Item2)),
        from a in Gen.Two(UInt16) from port in UInt16 from n in Name
        select new RdataCase(RecordType.SRV, f => new SrvRdata(a.Item1, a.Item2, port, f(n))),
        Naptr(),
        from a in Gen.Two(UInt16) from t in Bytes(0, 300) select new RdataCase(RecordType.URI, _ => new UriRdata(a.Item1, a.Item2, t)),
        Caa(),
        SvcbGenerators.Svcb(RecordType.SVCB),
        SvcbGenerators.Svcb(RecordType.HTTPS),
        Dnssec(),
        Rrsig(),
        from n in Name from t in Types() select new RdataCase(RecordType.NSEC, f => new NsecRdata(f(n), t)),
        Nsec3(),
        from a in Gen.Two(AnyByte) from it in UInt16 from s in Bytes(0, 20)
        select new RdataCase(RecordType.NSEC3PARAM, _ => new Nsec3ParamRdata(a.Item1, a.Item2, it, s)),
        from u in Gen.Three(AnyByte) from d in Bytes(0, 64) from smime in Gen.Elements(false, true)
        select new RdataCase(smime ? RecordType.SMIMEA : RecordType.TLSA,
            _ => smime ? new SmimeaRdata(u.Item1, u.Item2, u.Item3, d) : new TlsaRdata(u.Item1, u.Item2, u.Item3, d)),
        from a in Gen.Two(AnyByte) from d in Bytes(0, 32) select new RdataCase(RecordType.SSHFP, _ => new SshfpRdata(a.Item1, a.Item2, d)),
        from t in Gen.Choose(65280, 65534) from d in Bytes(0, 30)
        select new RdataCase((RecordType)t, _ => new UnknownRdata((RecordType)t, d)));

    public static Gen<RecordType[]> Types() => Gen.Choose(0, 8).SelectMany(c => AnyType.ArrayOf(c));

    private static Gen<RdataCase> Case<T>(RecordType type, Gen<T> gen, Func<T, Rdata> build) =>
        gen.Select(v => new RdataCase(type, _ => build(v)));

    private static Gen<RdataCase> NameCase(RecordType type, Func<DnsName, Rdata> build) =>
        Name.Select(n => new RdataCase(type, f => build(f(n))));

    private static Gen<RdataCase> Soa() =>
        from m in Name from r in Name from serial in UInt32 from timers in Gen.Four(UInt32)
        select new RdataCase(RecordType.SOA, f => new SoaRdata(f(m), f(r), serial, timers.Item1, timers.Item2, timers.Item3, timers.Item4));

    private static Gen<RdataCase> Naptr() =>
        from o in Gen.Two(UInt16) from s in Gen.Three(CharacterString) from n in Name
        select new RdataCase(RecordType.NAPTR, f => new NaptrRdata(o.Item1, o.Item2, s.Item1, s.Item2, s.Item3, f(n)));

    private static Gen<RdataCase> Caa() =>
        from flags in AnyByte
        from tag in Gen.Choose(1, 15).SelectMany(n => Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray()).ArrayOf(n))
        from value in Bytes(0, 300)
        select new RdataCase(RecordType.CAA, _ => new CaaRdata(flags, new string(tag), value));

    private static Gen<RdataCase> Dnssec() =>
        from kind in Gen.Choose(0, 3) from tag in UInt16 from a in Gen.Two(AnyByte) from data in Bytes(0, 64)
        select new RdataCase(
            kind switch { 0 => RecordType.DS, 1 => RecordType.CDS, 2 => RecordType.DNSKEY, _ => RecordType.CDNSKEY },
            _ => kind switch
            {
                0 => new DsRdata(tag, a.Item1, a.Item2, data),
                1 => new CdsRdata(tag, a.Item1, a.Item2, data),
                2 => new DnskeyRdata(tag, a.Item1, a.Item2, data),
                _ => new CdnskeyRdata(tag, a.Item1, a.Item2, data),
            });

    private static Gen<RdataCase> Rrsig() =>
        from covered in AnyType from a in Gen.Two(AnyByte) from times in Gen.Three(UInt32) from tag in UInt16
        from n in Name from sig in Bytes(0, 80)
        select new RdataCase(RecordType.RRSIG,
            f => new RrsigRdata(covered, a.Item1, a.Item2, times.Item1, times.Item2, times.Item3, tag, f(n), sig));

    private static Gen<RdataCase> Nsec3() =>
        from a in Gen.Two(AnyByte) from it in UInt16 from salt in Bytes(0, 20) from hash in Bytes(1, 32) from t in Types()
        select new RdataCase(RecordType.NSEC3, _ => new Nsec3Rdata(a.Item1, a.Item2, it, salt, hash, t));

    internal static byte[] UInt16Bytes(ushort v)
    {
        byte[] b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, v);
        return b;
    }
}
