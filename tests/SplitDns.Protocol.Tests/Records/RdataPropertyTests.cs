using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Records;

/// <summary>FsCheck properties over every typed RDATA: lossless wire and presentation round trips.</summary>
public class RdataPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(1500);

    private static void Check<T>(Gen<T> gen, Func<T, bool> property) =>
        FsCheck.Check.One(s_config, Prop.ForAll(gen.ToArbitrary(), property));

    [Fact]
    public void ToWire_ThenRead_SameRdataAndBytes() => Check(RdataGenerators.AnyRdata, c =>
    {
        Rdata rdata = c.Value;
        byte[] wire = rdata.ToWire();
        Rdata back = RdataFactory.FromWire(c.Type, wire);
        return back.GetType() == rdata.GetType() && back.Equals(rdata) && back.ToWire().AsSpan().SequenceEqual(wire);
    });

    [Fact]
    public void Presentation_ThenParse_SameWire() => Check(RdataGenerators.AnyRdata, c =>
    {
        Rdata rdata = c.Value;
        string text = rdata.ToString();
        Rdata parsed = RdataFactory.Parse(c.Type, RdataTextReader.FromString(text, DnsName.Root));
        return parsed.GetType() == rdata.GetType() && parsed.ToWire().AsSpan().SequenceEqual(rdata.ToWire()) && parsed.ToString() == text;
    });

    [Fact]
    public void GenericForm_ThenParse_SameWire() => Check(RdataGenerators.AnyRdata, c =>
    {
        // RFC 3597 §5: every type may be written as \# len hex and reads back as the same RDATA.
        byte[] wire = c.Value.ToWire();
        string generic = $"\\# {wire.Length} {Convert.ToHexString(wire)}";
        Rdata parsed = RdataFactory.Parse(c.Type, RdataTextReader.FromString(generic, DnsName.Root));
        return parsed.ToWire().AsSpan().SequenceEqual(wire);
    });

    [Fact]
    public void CompareCanonical_NamesDifferOnlyInCase_Equal() => Check(RdataGenerators.AnyRdata, c =>
    {
        // RFC 4034 §6.2: names inside RDATA compare case-insensitively ("delete this exact record").
        Rdata lower = c.Build(RdataGenerators.Lower);
        Rdata upper = c.Build(RdataGenerators.Upper);
        return lower.CompareCanonical(upper) == 0 && lower.Equals(upper) && lower.GetHashCode() == upper.GetHashCode()
            && lower.ToCanonicalWire().AsSpan().SequenceEqual(upper.ToCanonicalWire());
    });

    [Fact]
    public void Read_MutatedWire_FormatErrorOrLosslessRoundTrip() => Check(
        Gen.Zip(RdataGenerators.AnyRdata, Gen.Zip(Gen.Choose(0, 3), Gen.Zip(Gen.Choose(0, 1000), RdataGenerators.AnyByte))),
        input =>
        {
            (RdataCase c, (int kind, (int where, byte value))) = input;
            byte[] wire = Mutate(c.Value.ToWire(), kind, where, value);
            Rdata back;
            try
            {
                back = RdataFactory.FromWire(c.Type, wire);
            }
            catch (DnsFormatException)
            {
                return true;
            }

            // Whatever is accepted is kept byte for byte and prints to text that reads back.
            Rdata reparsed = RdataFactory.Parse(c.Type, RdataTextReader.FromString(back.ToString(), DnsName.Root));
            return back.ToWire().AsSpan().SequenceEqual(wire) && reparsed.ToWire().AsSpan().SequenceEqual(wire);
        });

    [Fact]
    public void Read_RandomBytes_OnlyFormatErrors() => Check(
        Gen.Zip(Gen.Elements(TypedTypes), RdataGenerators.Bytes(0, 40)),
        input =>
        {
            try
            {
                Rdata back = RdataFactory.FromWire(input.Item1, input.Item2);
                return back.ToWire().AsSpan().SequenceEqual(input.Item2);
            }
            catch (DnsFormatException)
            {
                return true;
            }
        });

    [Fact]
    public void Name_PresentationAndWire_RoundTripExactly() => Check(RdataGenerators.Name, name =>
    {
        DnsName parsed = DnsName.Parse(name.ToString());
        DnsName fromWire = DnsName.FromWire(name.Wire);
        byte[] buffer = new byte[600];
        var writer = new DnsWriter(buffer);
        writer.TryWriteUInt32(0);
        writer.TryWriteUInt32(0);
        writer.TryWriteUInt32(0);
        bool written = writer.TryWriteName(name) && writer.TryWriteName(name);
        var reader = new DnsReader(buffer.AsSpan(0, writer.Position), 12);
        DnsName first = reader.ReadName();
        DnsName second = reader.ReadName();
        return written && parsed.EqualsExact(name) && fromWire.EqualsExact(name) && first.EqualsExact(name) && second.EqualsExact(name)
            && (name.IsRoot || writer.Position == 12 + name.WireLength + 2);
    });

    [Fact]
    public void Name_RelativeToOrigin_ParsesBack() => Check(Gen.Two(RdataGenerators.Name), pair =>
    {
        (DnsName name, DnsName origin) = pair;
        string relative = name.ToRelativeString(origin);
        return DnsName.Parse(relative, origin).EqualsExact(name) || !name.IsSubdomainOf(origin);
    });

    private static readonly RecordType[] TypedTypes =
    [
        RecordType.A, RecordType.AAAA, RecordType.NS, RecordType.CNAME, RecordType.SOA, RecordType.PTR, RecordType.HINFO,
        RecordType.MX, RecordType.TXT, RecordType.SRV, RecordType.NAPTR, RecordType.DNAME, RecordType.DS, RecordType.SSHFP,
        RecordType.RRSIG, RecordType.NSEC, RecordType.DNSKEY, RecordType.NSEC3, RecordType.NSEC3PARAM, RecordType.TLSA,
        RecordType.SMIMEA, RecordType.CDS, RecordType.CDNSKEY, RecordType.SVCB, RecordType.HTTPS, RecordType.URI, RecordType.CAA,
    ];

    private static byte[] Mutate(byte[] wire, int kind, int where, byte value)
    {
        var list = new List<byte>(wire);
        int at = list.Count == 0 ? 0 : where % list.Count;
        switch (kind)
        {
            case 0 when list.Count > 0:
                list[at] = value;
                break;
            case 1 when list.Count > 0:
                list.RemoveRange(at, list.Count - at);
                break;
            case 2:
                list.Insert(at, value);
                break;
            case 3 when list.Count > 0:
                list.RemoveAt(at);
                break;
        }

        return [.. list];
    }
}
