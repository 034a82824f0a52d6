using System.Data;
using Npgsql;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore
{
    /// <summary>The journal's client column for changes made by re-reading a zone file.</summary>
    public const string ZoneFileClient = ReconcilePlan.ZoneFileClient;

    /// <summary>
    /// Replicas start together and reconcile the same file at once. The zone row is inserted
    /// with <c>ON CONFLICT DO NOTHING</c> (a second inserter waits for the first to commit and
    /// then inserts nothing), and the plan is computed under the row lock from the records as
    /// committed then: exactly one replica creates or updates, the others find it Unchanged.
    /// </summary>
    public Task<ReconcileResult> ReconcileFileAsync(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords,
        DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fileRecords);
        var soa = (SoaRdata)fileRecords.Single(r => r.Type == RecordType.SOA).Data;
        return RunInTransactionAsync(async (c, tx) =>
        {
            if (await TryCreateZoneAsync(c, tx, zone, soa.Serial, now, ct).ConfigureAwait(false) is long id)
            {
                await using var insert = new NpgsqlBatch(c, tx);
                AddInsertRecords(insert, id, JournalChain.Distinct(fileRecords), RecordProvenance.File);
                AddNotify(insert, zone, soa.Serial);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return new ReconcileResult(ReconcileStatus.Created, soa.Serial, 0, fileRecords.Count);
            }

            var (zoneId, _) = (await FindZoneAsync(c, tx, zone, forUpdate: true, ct).ConfigureAwait(false))!.Value;
            StoredZone stored = (await LoadZoneAsync(c, tx, zone, ct).ConfigureAwait(false))!;
            var plan = ReconcilePlan.Create(stored.Records, fileRecords);
            if (plan.NewSoa is null)
            {
                return new ReconcileResult(ReconcileStatus.Unchanged, stored.Serial, 0, 0) { Records = stored.Records };
            }

            List<ResourceRecord> deleted = [plan.OldSoa, .. plan.Deleted];
            List<ResourceRecord> added = [plan.NewSoa, .. plan.Added];
            uint serial = ((SoaRdata)plan.NewSoa.Data).Serial;
            await using var batch = new NpgsqlBatch(c, tx);
            AddWriteChange(batch, zoneId, deleted, added, RecordProvenance.File);
            AddJournal(batch, zoneId, new ZoneCommit(zone, stored.Serial, serial, deleted, added,
                RecordProvenance.File, null, ZoneFileClient, now));
            AddSetSerial(batch, zoneId, serial, now);
            AddTrimIfDue(batch, zoneId, 1);
            AddNotify(batch, zone, serial);
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new ReconcileResult(ReconcileStatus.Updated, serial, plan.Deleted.Count, plan.Added.Count);
        }, IsolationLevel.ReadCommitted, ct);
    }

    /// <summary>Inserts the zone's row and returns its id, or null when the zone exists (created by anyone, committed).</summary>
    private static async Task<long?> TryCreateZoneAsync(NpgsqlConnection c, NpgsqlTransaction tx, ZoneKey zone, uint serial,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO zones (view, origin_key, origin, serial, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (view, origin_key) DO NOTHING
            RETURNING id;
            """, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.Origin.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = serial });
        cmd.Parameters.Add(Timestamp(now));
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is long id ? id : null;
    }
}
