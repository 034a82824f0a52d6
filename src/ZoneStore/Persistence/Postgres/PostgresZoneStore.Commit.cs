using System.Data;
using Npgsql;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore
{
    public Task<CommitStatus> CommitAsync(ZoneCommit change, CancellationToken ct) => CommitAsync([change], ct);

    public Task<CommitStatus> CommitAsync(IReadOnlyList<ZoneCommit> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.FromResult(CommitStatus.Committed);
        }

        return RunInTransactionAsync((c, tx) => CommitAsync(c, tx, changes, ct), IsolationLevel.ReadCommitted, ct);
    }

    private async Task<CommitStatus> CommitAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<ZoneCommit> changes,
        CancellationToken ct)
    {
        ZoneKey zone = changes[0].Zone;

        // The row lock makes the compare-and-set atomic: a second replica's commit waits here
        // and then reads the serial the first one wrote.
        if (await FindZoneAsync(c, tx, zone, forUpdate: true, ct).ConfigureAwait(false) is not var (zoneId, serial))
        {
            return CommitStatus.NoSuchZone;
        }

        await using var batch = new NpgsqlBatch(c, tx);
        if (!AddCommit(batch, zoneId, serial, changes))
        {
            return CommitStatus.Conflict;
        }

        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return CommitStatus.Committed;
    }

    /// <summary>
    /// Adds the changes' statements to <paramref name="batch"/>: records, journal rows, the new
    /// serial, a trim when due and the NOTIFY. False (nothing added) when a change does not start
    /// where the one before it ended, the first at <paramref name="serial"/>: the compare-and-set.
    /// </summary>
    private bool AddCommit(NpgsqlBatch batch, long zoneId, uint serial, IReadOnlyList<ZoneCommit> changes)
    {
        ZoneKey zone = changes[0].Zone;
        uint next = serial;
        foreach (ZoneCommit change in changes)
        {
            // Each journal row must start where the last ended, or IXFR could not chain them
            // (RFC 1995 §4). Nothing is added before every change passed.
            if (next != change.BaseSerial || change.Zone != zone)
            {
                return false;
            }

            next = change.NewSerial;
        }

        foreach (ZoneCommit change in changes)
        {
            AddWriteChange(batch, zoneId, change.Deleted, change.Added, change.Provenance);
            AddJournal(batch, zoneId, change);
        }

        AddSetSerial(batch, zoneId, next, changes[^1].Time);
        AddTrimIfDue(batch, zoneId, changes.Count);
        AddNotify(batch, zone, next);
        return true;
    }

    private static void AddWriteChange(NpgsqlBatch batch, long zoneId, IReadOnlyList<ResourceRecord> deleted,
        IReadOnlyList<ResourceRecord> added, RecordProvenance provenance)
    {
        foreach (ResourceRecord rr in deleted)
        {
            RecordKey key = RecordKey.Of(rr);
            NpgsqlBatchCommand delete = Add(batch,
                "DELETE FROM records WHERE zone_id = $1 AND owner_key = $2 AND type = $3 AND rdata_hash = sha256($4) AND rdata_key = $4;");
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
            delete.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key.OwnerBytes });
            delete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)rr.Type });
            delete.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key.RdataBytes });
        }

        AddInsertRecords(batch, zoneId, added, provenance);
    }

    private static void AddInsertRecords(NpgsqlBatch batch, long zoneId, IReadOnlyList<ResourceRecord> records, RecordProvenance provenance)
    {
        string provenanceText = RecordProvenanceText.Format(provenance);
        foreach (ResourceRecord rr in records)
        {
            RecordKey key = RecordKey.Of(rr);
            NpgsqlBatchCommand insert = Add(batch, """
                INSERT INTO records (zone_id, owner_key, owner_wire, owner, type, class, ttl, rdata, rdata_key, rdata_text, provenance)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (zone_id, owner_key, type, rdata_hash) DO UPDATE SET
                    owner_wire = EXCLUDED.owner_wire, owner = EXCLUDED.owner, ttl = EXCLUDED.ttl,
                    rdata = EXCLUDED.rdata, rdata_text = EXCLUDED.rdata_text, provenance = EXCLUDED.provenance;
                """);
            NpgsqlParameterCollection p = insert.Parameters;
            p.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
            p.Add(new NpgsqlParameter<byte[]> { TypedValue = key.OwnerBytes });
            p.Add(new NpgsqlParameter<byte[]> { TypedValue = rr.Name.Wire.ToArray() });
            p.Add(new NpgsqlParameter<string> { TypedValue = rr.Name.ToString() });
            p.Add(new NpgsqlParameter<int> { TypedValue = (int)rr.Type });
            p.Add(new NpgsqlParameter<int> { TypedValue = (int)rr.Class });
            p.Add(new NpgsqlParameter<long> { TypedValue = rr.Ttl });
            p.Add(new NpgsqlParameter<byte[]> { TypedValue = rr.Data.ToWire() });
            p.Add(new NpgsqlParameter<byte[]> { TypedValue = key.RdataBytes });
            p.Add(new NpgsqlParameter<string> { TypedValue = rr.Data.ToString() });
            p.Add(new NpgsqlParameter<string> { TypedValue = provenanceText });
        }
    }

    private static void AddSetSerial(NpgsqlBatch batch, long zoneId, uint serial, DateTimeOffset time)
    {
        NpgsqlBatchCommand cmd = Add(batch, "UPDATE zones SET serial = $1, updated_at = $2 WHERE id = $3;");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = serial });
        cmd.Parameters.Add(Timestamp(time));
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
    }

    private static void AddJournal(NpgsqlBatch batch, long zoneId, ZoneCommit change)
    {
        NpgsqlBatchCommand cmd = Add(batch, """
            INSERT INTO journal (zone_id, serial_from, serial_to, time, key_name, client, provenance, deleted, added, deleted_text, added_text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
            """);
        NpgsqlParameterCollection p = cmd.Parameters;
        p.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
        p.Add(new NpgsqlParameter<long> { TypedValue = change.BaseSerial });
        p.Add(new NpgsqlParameter<long> { TypedValue = change.NewSerial });
        p.Add(Timestamp(change.Time));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)change.KeyName ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)change.Client ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string> { TypedValue = RecordProvenanceText.Format(change.Provenance) });
        p.Add(new NpgsqlParameter<byte[]> { TypedValue = RecordListCodec.Encode(change.Deleted) });
        p.Add(new NpgsqlParameter<byte[]> { TypedValue = RecordListCodec.Encode(change.Added) });
        p.Add(new NpgsqlParameter<string> { TypedValue = RecordListCodec.ToText(change.Deleted) });
        p.Add(new NpgsqlParameter<string> { TypedValue = RecordListCodec.ToText(change.Added) });
    }

    /// <summary>
    /// NOTIFY inside the transaction: PostgreSQL delivers it at COMMIT and drops it on rollback,
    /// so a listener hears of a change exactly when it can read it.
    /// </summary>
    private static void AddNotify(NpgsqlBatch batch, ZoneKey zone, uint serial)
    {
        NpgsqlBatchCommand cmd = Add(batch, "SELECT pg_notify($1, $2);");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ZoneChangeNotification.Channel });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ZoneChangeNotification.Format(zone, serial) });
    }

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(cmd);
        return cmd;
    }
}
