using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution.Steps;

public sealed partial class AuthoritativeStep
{
    /// <summary>
    /// RFC 6672 §3.2: put the DNAME in the answer, then a CNAME synthesized from the query name
    /// (owner: the query name; target: the name with the DNAME owner replaced by its target;
    /// TTL: the DNAME's). A result longer than 255 octets is YXDOMAIN (§2.2). Allocates: DNAME
    /// answers are not on the zero-allocation path.
    /// </summary>
    private static bool TrySynthesizeDname(QueryContext ctx, ZoneNode owner, ref DnsName name)
    {
        Rrset dname = owner.Dname!;
        ctx.Answer.Add(new SectionEntry(owner.Name, dname));
        DnsName target = ((DnameRdata)dname[0].Data).Target;
        ReadOnlySpan<byte> wire = name.Wire;
        int prefixLength = wire.Length - owner.Name.WireLength;
        if (prefixLength + target.WireLength > DnsName.MaxLength)
        {
            ctx.Rcode = DnsRcode.YxDomain;
            return false;
        }

        byte[] joined = new byte[prefixLength + target.WireLength];
        wire[..prefixLength].CopyTo(joined);
        target.Wire.CopyTo(joined.AsSpan(prefixLength));
        DnsName synthesized = DnsName.FromValidatedWire(joined);
        var cname = new ResourceRecord(name, RecordType.CNAME, dname.Class, dname.Ttl, new CnameRdata(synthesized));
        ctx.Answer.Add(new SectionEntry(name, new Rrset(name, RecordType.CNAME, dname.Class, dname.Ttl, [cname], [])));
        name = synthesized;
        return true;
    }
}
