using System.Globalization;
using System.Net;
using System.Text;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Protocol.ZoneFile;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    /// <summary>
    /// The zone as a master file (RFC 1035 §5): $ORIGIN, $TTL (the SOA's TTL), then every record,
    /// SOA first, absolute names and explicit TTLs (the canonical <see cref="ZoneFileWriter"/> form).
    /// </summary>
    public string Export(string zone, string? view)
    {
        (_, ZoneSnapshot snapshot) = Resolve(zone, view);
        var sb = new StringBuilder();
        sb.Append("$ORIGIN ").Append(snapshot.Origin.ToString()).Append('\n');
        sb.Append("$TTL ").Append(snapshot.Soa.Ttl.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(ZoneFileWriter.ToText(snapshot.Records));
        return sb.ToString();
    }

    /// <summary>
    /// Imports a zone file as ONE change. Merge adds the file's records that are missing; replace
    /// also deletes every record the file does not have. The file's SOA is ignored: the zone keeps
    /// its SOA and the write path advances the serial as for any change. 400 for a file that does
    /// not parse or is not a valid zone together with what is kept.
    /// </summary>
    public async Task<(int Added, int Deleted, uint Serial)> ImportAsync(string zone, string? view, string text, string? mode,
        string actor, IPEndPoint client, CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        bool replace = (mode ?? "merge") switch
        {
            "merge" => false,
            "replace" => true,
            _ => throw RecordRequestException.BadRequest("mode", $"'{mode}' is neither merge nor replace"),
        };
        var options = new ZoneParseOptions { AllowInclude = false, DefaultTtl = DefaultTtl, MaxErrors = 20 };
        ZoneParseResult parsed = ZoneFileParser.ParseText(text, "import", snapshot.Origin, options);
        if (!parsed.Succeeded)
        {
            throw RecordRequestException.BadRequest("body", string.Join("; ", parsed.Errors.Take(5).Select(e => e.ToString())));
        }

        var incoming = parsed.Records.Where(r => r.Type != RecordType.SOA).GroupBy(Identity, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var current = snapshot.Records.Where(r => r.Type != RecordType.SOA).ToDictionary(Identity, StringComparer.Ordinal);
        List<ResourceRecord> result = [snapshot.Soa, .. incoming.Values];
        if (!replace)
        {
            result.AddRange(current.Where(c => !incoming.ContainsKey(c.Key)).Select(c => c.Value));
        }

        IReadOnlyList<ZoneValidationIssue> issues = ZoneValidator.Validate(snapshot.Origin, result);
        if (!ZoneValidator.IsValid(issues))
        {
            throw RecordRequestException.BadRequest("body", "the zone would not be valid: "
                + string.Join("; ", issues.Where(i => i.IsError).Take(5).Select(i => i.ToString())));
        }

        List<ResourceRecord> deletes = replace ? current.Where(c => !incoming.ContainsKey(c.Key)).Select(c => c.Value).ToList() : [];
        List<ResourceRecord> adds = incoming.Where(i => !current.ContainsKey(i.Key)).Select(i => i.Value).ToList();
        if (deletes.Count == 0 && adds.Count == 0)
        {
            return (0, 0, snapshot.Serial);
        }

        DnsMessage update = NewUpdate(key);
        update.Answers.Add(new ResourceRecord(snapshot.Soa.Name, RecordType.SOA, DnsClass.IN, 0, snapshot.Soa.Data));
        bool ApexNs(ResourceRecord r) => r.Type == RecordType.NS && r.Name.Equals(snapshot.Origin);
        update.Authority.AddRange(deletes.Where(r => !ApexNs(r)).Select(r => new ResourceRecord(r.Name, r.Type, DnsClass.None, 0, r.Data)));
        update.Authority.AddRange(adds);
        update.Authority.AddRange(deletes.Where(ApexNs).Select(r => new ResourceRecord(r.Name, r.Type, DnsClass.None, 0, r.Data)));
        UpdateResult done = await SubmitAsync(key, update, actor, client, ct).ConfigureAwait(false);
        RequireApplied(done, null);
        return (done.Added.Count(r => r.Type != RecordType.SOA), done.Deleted.Count(r => r.Type != RecordType.SOA), done.NewSerial);
    }
}
