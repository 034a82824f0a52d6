using System.Net.Sockets;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Blocking;

/// <summary>
/// The answers a view gives to blocked names, built once: the A/AAAA RRsets of its mode, a
/// synthesized SOA for negative answers (its MINIMUM and TTL are the blocking TTL, so clients
/// cache the block as long as configured, RFC 2308 §5) and one EDE 15 (RFC 8914 §4.16) per list
/// naming it. Written with the query name as owner, so answering allocates nothing.
/// </summary>
public sealed class BlockedAnswers
{
    private static readonly DnsName s_soaPrimary = DnsName.Parse("blocked.splitdns.invalid.");
    private static readonly DnsName s_soaMailbox = DnsName.Parse("hostmaster.splitdns.invalid.");

    private readonly BlockMode _mode;
    private readonly Rrset? _a;
    private readonly Rrset? _aaaa;
    private readonly Rrset _soa;
    private readonly ExtendedDnsError[] _errors;
    private readonly ExtendedDnsError[] _cloakedErrors;

    public BlockedAnswers(ViewBlockingSettings settings, IReadOnlyList<string> listNames)
    {
        _mode = settings.Mode;
        uint ttl = settings.Ttl;
        if (settings.Mode == BlockMode.NullIp)
        {
            _a = Addresses(RecordType.A, ttl, [new ARdata(System.Net.IPAddress.Any)]);
            _aaaa = Addresses(RecordType.AAAA, ttl, [new AaaaRdata(System.Net.IPAddress.IPv6Any)]);
        }
        else if (settings.Mode == BlockMode.Custom)
        {
            Rdata[] v4 = settings.Addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Select(a => (Rdata)new ARdata(a)).ToArray();
            Rdata[] v6 = settings.Addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).Select(a => (Rdata)new AaaaRdata(a)).ToArray();
            _a = v4.Length > 0 ? Addresses(RecordType.A, ttl, v4) : null;
            _aaaa = v6.Length > 0 ? Addresses(RecordType.AAAA, ttl, v6) : null;
        }

        var soa = new ResourceRecord(DnsName.Root, RecordType.SOA, DnsClass.IN, ttl, new SoaRdata(s_soaPrimary, s_soaMailbox, 1, 3600, 600, 86400, ttl));
        _soa = new Rrset(DnsName.Root, RecordType.SOA, DnsClass.IN, ttl, [soa], []);
        _errors = listNames.Select(n => new ExtendedDnsError(ExtendedDnsErrorCode.Blocked, "blocked by list " + n)).ToArray();
        _cloakedErrors = listNames.Select(n => new ExtendedDnsError(ExtendedDnsErrorCode.Blocked, "blocked by list " + n + " (CNAME target)")).ToArray();
    }

    /// <summary>Answers <paramref name="ctx"/> as blocked by list <paramref name="list"/> (its index in the catalog).</summary>
    public void Write(QueryContext ctx, int list, bool cnameTarget)
    {
        ctx.AuthoritativeAnswer = false;
        ctx.Rcode = DnsRcode.NoError;
        Rrset? answer = ctx.QuestionType switch
        {
            RecordType.A => _a,
            RecordType.AAAA => _aaaa,
            _ => null,
        };
        if (_mode == BlockMode.NxDomain)
        {
            ctx.Rcode = DnsRcode.NxDomain;
            answer = null;
        }

        if (answer is not null)
        {
            ctx.Answer.Add(new SectionEntry(ctx.QuestionName, answer));
        }
        else
        {
            ctx.Authority.Add(new SectionEntry(ctx.QuestionName, _soa));
        }

        ExtendedDnsError[] errors = cnameTarget ? _cloakedErrors : _errors;
        if ((uint)list < (uint)errors.Length)
        {
            ctx.AddExtendedError(errors[list]);
        }
    }

    private static Rrset Addresses(RecordType type, uint ttl, Rdata[] data)
    {
        ResourceRecord[] records = data.Select(d => new ResourceRecord(DnsName.Root, type, DnsClass.IN, ttl, d)).ToArray();
        return new Rrset(DnsName.Root, type, DnsClass.IN, ttl, records, []);
    }
}
