using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Api.Zones;

/// <summary>
/// Record changes for the REST API and the Technitium-compatible layer. Each call is ONE RFC 2136
/// UPDATE built in code (prerequisites and updates) submitted through <see cref="ZoneWriter"/> as a
/// <see cref="ZoneChangeRequest.Api"/>: prerequisites, serial, journal (provenance api, the caller
/// as actor), NOTIFY and replicas treat it exactly like a dynamic update. Errors are
/// <see cref="RecordRequestException"/> (400/404/409/503); nothing is changed when one is thrown.
/// </summary>
public sealed partial class RecordEditor
{
    /// <summary>The TTL of a new record when neither the request nor its RRset gives one.</summary>
    public const uint DefaultTtl = 3600;

    private readonly ZoneCatalog _catalog;
    private readonly ZoneWriter _writer;

    public RecordEditor(ZoneCatalog catalog, ZoneWriter writer)
    {
        _catalog = catalog;
        _writer = writer;
    }

    /// <summary>
    /// Adds one record to its RRset (or, with <see cref="RecordSpec.Overwrite"/>, replaces the
    /// RRset with it). 409 when the record exists, or when it would put a CNAME beside other data.
    /// </summary>
    public async Task<RecordChange> AddAsync(string zone, string? view, RecordSpec record, string actor, IPEndPoint client,
        CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        ResourceRecord rr = ParseRecord(record, snapshot, "");
        RejectSoa(rr.Type, "type");
        DnsMessage update = NewUpdate(key);
        if (record.Overwrite)
        {
            // RFC 2136 §2.5.2: delete the RRset, then add: one change replaces it.
            update.Authority.Add(Empty(rr.Name, rr.Type, DnsClass.Any));
        }
        else if (Contains(snapshot.GetRrset(rr.Name, rr.Type), rr.Data))
        {
            throw RecordRequestException.Conflict($"{Describe(rr)} exists already");
        }

        CheckCname(snapshot, rr, null);
        update.Authority.Add(rr);
        UpdateResult result = await SubmitAsync(key, update, actor, client, ct).ConfigureAwait(false);
        RequireApplied(result, rr);
        return new RecordChange(await ShowAsync(key, rr, ct).ConfigureAwait(false), 0, result.NewSerial);
    }

    /// <summary>
    /// Replaces <paramref name="old"/> (which must exist: RFC 2136 §2.4.2 "RRset exists,
    /// value dependent" on its RRset as this call saw it) with <paramref name="replacement"/>.
    /// 404 when the old record is not there, 409 when its RRset changed in the meantime.
    /// </summary>
    public async Task<RecordChange> UpdateAsync(string zone, string? view, RecordSpec old, RecordSpec replacement, string actor,
        IPEndPoint client, CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        ResourceRecord from = ParseRecord(old, snapshot, "old.", dataOnly: true);
        RejectSoa(from.Type, "old.type");
        Rrset set = RequireRecord(snapshot, from);
        ResourceRecord to = ParseRecord(replacement, snapshot, "new.");
        RejectSoa(to.Type, "new.type");
        CheckCname(snapshot, to, from);
        DnsMessage update = NewUpdate(key);
        AddExistsPrerequisite(update, set);
        update.Authority.Add(new ResourceRecord(from.Name, from.Type, DnsClass.None, 0, from.Data));
        update.Authority.Add(to);
        UpdateResult result = await SubmitAsync(key, update, actor, client, ct).ConfigureAwait(false);
        RequireApplied(result, to);
        return new RecordChange(await ShowAsync(key, to, ct).ConfigureAwait(false), 0, result.NewSerial);
    }

    /// <summary>
    /// Deletes one record (with <paramref name="data"/>) or the whole RRset (without). 404 when
    /// there is nothing to delete; the apex SOA (400) and the last apex NS (409) are never deleted
    /// (RFC 2136 §3.4.2.4).
    /// </summary>
    public async Task<RecordChange> DeleteAsync(string zone, string? view, string? name, string? type, string? data, string actor,
        IPEndPoint client, CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        DnsName owner = ParseName(name, snapshot, "name");
        RecordType rtype = ParseType(type, "type");
        if (rtype == RecordType.SOA)
        {
            throw RecordRequestException.BadRequest("type", "the zone's SOA cannot be deleted (RFC 2136 §3.4.2.4)");
        }

        Rrset set = snapshot.GetRrset(owner, rtype)
            ?? throw RecordRequestException.NotFound($"no {RecordTypeNames.ToText(rtype)} records at {owner}");
        DnsMessage update = NewUpdate(key);
        AddExistsPrerequisite(update, set);
        bool apexNs = rtype == RecordType.NS && owner.Equals(snapshot.Origin);
        if (data is null)
        {
            if (apexNs)
            {
                throw RecordRequestException.Conflict($"the apex NS RRset of {snapshot.Origin} cannot be deleted (RFC 2136 §3.4.2.4)");
            }

            update.Authority.Add(Empty(owner, rtype, DnsClass.Any));
        }
        else
        {
            Rdata rdata = ParseData(rtype, data, snapshot.Origin, "data");
            if (!Contains(set, rdata))
            {
                throw RecordRequestException.NotFound($"no record {owner} {RecordTypeNames.ToText(rtype)} {rdata} in zone {key}");
            }

            if (apexNs && set.Count == 1)
            {
                throw RecordRequestException.Conflict($"{owner} NS {rdata} is the zone's last apex NS and cannot be deleted (RFC 2136 §3.4.2.4)");
            }

            update.Authority.Add(new ResourceRecord(owner, rtype, DnsClass.None, 0, rdata));
        }

        UpdateResult result = await SubmitAsync(key, update, actor, client, ct).ConfigureAwait(false);
        RequireApplied(result, null);
        int deleted = result.Deleted.Count(r => r.Type != RecordType.SOA);
        return new RecordChange(null, deleted, result.NewSerial);
    }

    /// <summary>The zone instance named by <paramref name="zone"/> and <paramref name="view"/> and its current snapshot; 404 when not served.</summary>
    public (ZoneKey Key, ZoneSnapshot Snapshot) Resolve(string zone, string? view)
    {
        if (!DnsName.TryParse(zone.EndsWith('.') ? zone : zone + ".", null, out DnsName origin, out string? error))
        {
            throw RecordRequestException.BadRequest("zone", error ?? "not a domain name");
        }

        var key = new ZoneKey(view ?? ZoneKey.SharedView, origin);
        ZoneSnapshot snapshot = _catalog.Get(key)
            ?? throw RecordRequestException.NotFound(view is { Length: > 0 } ? $"zone {origin} has no instance of view '{view}' here" : $"zone {origin} is not served here");
        return (key, snapshot);
    }
}
