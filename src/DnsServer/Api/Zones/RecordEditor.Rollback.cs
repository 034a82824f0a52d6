using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    /// <summary>
    /// Restores the zone's records as they were at <paramref name="serial"/> (or at
    /// <paramref name="time"/>: after every change made at or before it) as ONE new change:
    /// the state is computed by reversing the journal from the current records, then what was
    /// added since is deleted and what was deleted is added back. The SOA is left to the write
    /// path, so the serial moves forward (RFC 1982), never back, and secondaries follow by IXFR.
    /// 409 when the journal does not reach back that far (it names the oldest reachable serial).
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(string zone, string? view, uint? serial, DateTimeOffset? time, string actor,
        IPEndPoint client, CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        if ((serial is null) == (time is null))
        {
            throw RecordRequestException.BadRequest(serial is null ? "serial" : "time", "give exactly one of serial and time");
        }

        IZoneStore store = RequireStore();
        var target = new Dictionary<string, ResourceRecord>(StringComparer.Ordinal);
        foreach (ResourceRecord rr in snapshot.Records)
        {
            if (rr.Type != RecordType.SOA)
            {
                target[Identity(rr)] = rr;
            }
        }

        if (serial != snapshot.Serial)
        {
            await ReverseJournalAsync(store, key, snapshot.Serial, serial, time, target, ct).ConfigureAwait(false);
        }

        var current = snapshot.Records.Where(r => r.Type != RecordType.SOA).ToDictionary(Identity, StringComparer.Ordinal);
        List<ResourceRecord> deletes = current.Where(c => !target.ContainsKey(c.Key)).Select(c => c.Value).ToList();
        List<ResourceRecord> adds = target.Where(t => !current.ContainsKey(t.Key)).Select(t => t.Value).ToList();
        if (deletes.Count == 0 && adds.Count == 0)
        {
            return new RollbackResult(snapshot.Serial, snapshot.Serial, [], []);
        }

        DnsMessage update = NewUpdate(key);
        // The SOA as this call saw it: a compare-and-set on the whole zone (RFC 2136 §2.4.2), so a
        // change that lands meanwhile makes this one fail (409) instead of undoing the wrong state.
        update.Answers.Add(new ResourceRecord(snapshot.Soa.Name, RecordType.SOA, DnsClass.IN, 0, snapshot.Soa.Data));
        bool ApexNs(ResourceRecord r) => r.Type == RecordType.NS && r.Name.Equals(snapshot.Origin);

        // Deletes before adds (a CNAME may replace other data), apex NS deletes last (§3.4.2.4 keeps the last NS).
        update.Authority.AddRange(deletes.Where(r => !ApexNs(r)).Select(r => new ResourceRecord(r.Name, r.Type, DnsClass.None, 0, r.Data)));
        update.Authority.AddRange(adds);
        update.Authority.AddRange(deletes.Where(ApexNs).Select(r => new ResourceRecord(r.Name, r.Type, DnsClass.None, 0, r.Data)));
        UpdateResult result = await SubmitAsync(key, update, actor, client, ct).ConfigureAwait(false);
        RequireApplied(result, null);
        return new RollbackResult(result.OldSerial, result.NewSerial,
            Lines(result.Deleted.Where(r => r.Type != RecordType.SOA)), Lines(result.Added.Where(r => r.Type != RecordType.SOA)));
    }

    /// <summary>Undoes journal rows newest first, from <paramref name="currentSerial"/> back to the target; 409 when the journal stops short.</summary>
    private static async Task ReverseJournalAsync(IZoneStore store, ZoneKey key, uint currentSerial, uint? serial, DateTimeOffset? time,
        Dictionary<string, ResourceRecord> state, CancellationToken ct)
    {
        uint expect = currentSerial;
        long? before = null;
        while (true)
        {
            IReadOnlyList<JournalEntry> rows = await ReadPageAsync(store, key, before, ct).ConfigureAwait(false);
            foreach (JournalEntry e in rows)
            {
                if (time is { } t && e.Time <= t)
                {
                    return;
                }

                if (e.ToSerial != expect)
                {
                    throw RecordRequestException.Conflict(
                        $"the journal of {key} has a gap at serial {expect} (or the zone changed meanwhile); it reaches back to serial {expect} only");
                }

                foreach (ResourceRecord rr in e.Added.Where(r => r.Type != RecordType.SOA))
                {
                    state.Remove(Identity(rr));
                }

                foreach (ResourceRecord rr in e.Deleted.Where(r => r.Type != RecordType.SOA))
                {
                    state[Identity(rr)] = rr;
                }

                expect = e.FromSerial;
                if (e.FromSerial == serial)
                {
                    return;
                }
            }

            if (rows.Count < JournalPage)
            {
                string what = serial is { } s ? $"serial {s}" : $"{time:O}";
                throw RecordRequestException.Conflict(
                    $"the journal of {key} does not reach back to {what}: the oldest reachable serial is {expect}");
            }

            before = rows[^1].Sequence;
        }
    }

    /// <summary>A record's identity for the rollback diff: owner (case-folded), type, TTL and canonical RDATA.</summary>
    private static string Identity(ResourceRecord rr) =>
        $"{rr.Name.ToLowerInvariant()}|{(ushort)rr.Type}|{rr.Ttl}|{Convert.ToHexString(CanonicalRdata.Of(rr.Data))}";
}
