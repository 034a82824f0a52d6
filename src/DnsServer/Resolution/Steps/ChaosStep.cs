using System.Text;
using Microsoft.Extensions.Options;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution.Steps;

/// <summary>
/// Class CH queries: version.bind / version.server and id.server / hostname.bind (RFC 4892 §2)
/// answered with a TXT when configured, REFUSED otherwise. Other classes pass on. CH queries
/// never reach later steps (they must not be forwarded).
/// </summary>
public sealed class ChaosStep : IQueryStep
{
    private static readonly DnsName s_versionBind = DnsName.Parse("version.bind.");
    private static readonly DnsName s_versionServer = DnsName.Parse("version.server.");
    private static readonly DnsName s_idServer = DnsName.Parse("id.server.");
    private static readonly DnsName s_hostnameBind = DnsName.Parse("hostname.bind.");

    private readonly Rrset? _version;
    private readonly Rrset? _identity;

    public ChaosStep(IOptions<ServerSettings> settings)
    {
        ChaosSettings chaos = settings.Value.Chaos;
        _version = Build(s_versionBind, chaos.Version);
        _identity = Build(s_idServer, chaos.Identity);
    }

    public ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next)
    {
        if (ctx.QuestionClass != DnsClass.CH)
        {
            ctx.Trace?.Step(TraceStep.Chaos, TraceDecision.Skipped, "not class CH");
            return next(ctx);
        }

        Rrset? answer = null;
        DnsName q = ctx.QuestionName;
        if (q.Equals(s_versionBind) || q.Equals(s_versionServer))
        {
            answer = _version;
        }
        else if (q.Equals(s_idServer) || q.Equals(s_hostnameBind))
        {
            answer = _identity;
        }

        if (answer is null || ctx.QuestionType is not (RecordType.TXT or RecordType.ANY))
        {
            ctx.Rcode = answer is null ? DnsRcode.Refused : DnsRcode.NoError;
            ctx.Trace?.Step(TraceStep.Chaos, TraceDecision.Answered, answer is null ? "class CH name not configured: REFUSED" : "class CH name without TXT: NODATA");
            return default;
        }

        ctx.AuthoritativeAnswer = true;
        ctx.Answer.Add(new SectionEntry(q, answer));
        ctx.Trace?.Step(TraceStep.Chaos, TraceDecision.Answered, "class CH server identity (RFC 4892)");
        return default;
    }

    private static Rrset? Build(DnsName owner, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var txt = new TxtRdata([bytes.Length > 255 ? bytes[..255] : bytes]);
        var rr = new ResourceRecord(owner, RecordType.TXT, DnsClass.CH, 0, txt);
        return new Rrset(owner, RecordType.TXT, DnsClass.CH, 0, [rr], []);
    }
}
