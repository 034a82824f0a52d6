using Microsoft.Data.Sqlite;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

public sealed partial class SqliteZoneStore
{
    public Task<CommitStatus> CommitAsync(ZoneCommit change, CancellationToken ct) => CommitAsync([change], ct);

    public async Task<CommitStatus> CommitAsync(IReadOnlyList<ZoneCommit> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return CommitStatus.Committed;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            if (FindZone(changes[0].Zone, tx) is not var (zoneId, serial))
            {
                return CommitStatus.NoSuchZone;
            }

            foreach (ZoneCommit change in changes)
            {
                // Compare-and-set per change: each journal row must start where the last ended,
                // or IXFR could not chain them (RFC 1995 §4). Rolled back whole on a mismatch.
                if (serial != change.BaseSerial || change.Zone != changes[0].Zone)
                {
                    return CommitStatus.Conflict;
                }

                WriteChange(tx, zoneId, change.Deleted, change.Added, change.Provenance);
                AppendJournal(tx, zoneId, change);
                serial = change.NewSerial;
            }

            SetSerial(tx, zoneId, serial, changes[^1].Time);
            tx.Commit();
            JournalRowsWritten(zoneId, changes.Count);
            return CommitStatus.Committed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteChange(SqliteTransaction tx, long zoneId, IReadOnlyList<ResourceRecord> deleted,
        IReadOnlyList<ResourceRecord> added, RecordProvenance provenance)
    {
        using SqliteCommand delete = _connection.CreateCommand();
        delete.Transaction = tx;
        delete.CommandText = "DELETE FROM records WHERE zone_id = $z AND owner_key = $o AND type = $t AND rdata_key = $r;";
        SqliteParameter dz = delete.Parameters.Add("$z", SqliteType.Integer);
        SqliteParameter dOwner = delete.Parameters.Add("$o", SqliteType.Blob);
        SqliteParameter dType = delete.Parameters.Add("$t", SqliteType.Integer);
        SqliteParameter dRdata = delete.Parameters.Add("$r", SqliteType.Blob);
        dz.Value = zoneId;
        foreach (ResourceRecord rr in deleted)
        {
            RecordKey key = RecordKey.Of(rr);
            dOwner.Value = key.OwnerBytes;
            dType.Value = (int)rr.Type;
            dRdata.Value = key.RdataBytes;
            delete.ExecuteNonQuery();
        }

        InsertRecords(tx, zoneId, added, provenance);
    }

    private void InsertRecords(SqliteTransaction tx, long zoneId, IReadOnlyList<ResourceRecord> records, RecordProvenance provenance)
    {
        using SqliteCommand insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO records (zone_id, owner_key, owner_wire, owner, type, class, ttl, rdata, rdata_key, rdata_text, provenance)
            VALUES ($z, $ok, $ow, $o, $t, $c, $ttl, $r, $rk, $rt, $p)
            ON CONFLICT (zone_id, owner_key, type, rdata_key) DO UPDATE SET
                owner_wire = excluded.owner_wire, owner = excluded.owner, ttl = excluded.ttl,
                rdata = excluded.rdata, rdata_text = excluded.rdata_text, provenance = excluded.provenance;
            """;
        string[] names = ["$z", "$ok", "$ow", "$o", "$t", "$c", "$ttl", "$r", "$rk", "$rt", "$p"];
        var p = new SqliteParameter[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            p[i] = insert.Parameters.Add(new SqliteParameter { ParameterName = names[i] });
        }

        p[0].Value = zoneId;
        p[10].Value = RecordProvenanceText.Format(provenance);
        foreach (ResourceRecord rr in records)
        {
            RecordKey key = RecordKey.Of(rr);
            p[1].Value = key.OwnerBytes;
            p[2].Value = rr.Name.Wire.ToArray();
            p[3].Value = rr.Name.ToString();
            p[4].Value = (int)rr.Type;
            p[5].Value = (int)rr.Class;
            p[6].Value = (long)rr.Ttl;
            p[7].Value = rr.Data.ToWire();
            p[8].Value = key.RdataBytes;
            p[9].Value = rr.Data.ToString();
            insert.ExecuteNonQuery();
        }
    }

    private void SetSerial(SqliteTransaction tx, long zoneId, uint serial, DateTimeOffset time)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE zones SET serial = $s, updated_at = $u WHERE id = $z;";
        cmd.Parameters.AddWithValue("$s", (long)serial);
        cmd.Parameters.AddWithValue("$u", Now(time));
        cmd.Parameters.AddWithValue("$z", zoneId);
        cmd.ExecuteNonQuery();
    }

    private long AppendJournal(SqliteTransaction tx, long zoneId, ZoneCommit change)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO journal (zone_id, serial_from, serial_to, time, key_name, client, provenance, deleted, added, deleted_text, added_text)
            VALUES ($z, $f, $t, $time, $k, $c, $p, $d, $a, $dt, $at);
            SELECT last_insert_rowid();
            """;
        cmd.Parameters.AddWithValue("$z", zoneId);
        cmd.Parameters.AddWithValue("$f", (long)change.BaseSerial);
        cmd.Parameters.AddWithValue("$t", (long)change.NewSerial);
        cmd.Parameters.AddWithValue("$time", Now(change.Time));
        cmd.Parameters.AddWithValue("$k", (object?)change.KeyName ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$c", (object?)change.Client ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$p", RecordProvenanceText.Format(change.Provenance));
        cmd.Parameters.AddWithValue("$d", RecordListCodec.Encode(change.Deleted));
        cmd.Parameters.AddWithValue("$a", RecordListCodec.Encode(change.Added));
        cmd.Parameters.AddWithValue("$dt", RecordListCodec.ToText(change.Deleted));
        cmd.Parameters.AddWithValue("$at", RecordListCodec.ToText(change.Added));
        return (long)cmd.ExecuteScalar()!;
    }

    private long CreateZone(SqliteTransaction tx, ZoneKey zone, uint serial, DateTimeOffset time)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO zones (view, origin_key, origin, serial, created_at, updated_at) VALUES ($v, $k, $o, $s, $t, $t);
            SELECT last_insert_rowid();
            """;
        cmd.Parameters.AddWithValue("$v", zone.View);
        cmd.Parameters.AddWithValue("$k", zone.Origin.ToLowerInvariant().Wire.ToArray());
        cmd.Parameters.AddWithValue("$o", zone.Origin.ToString());
        cmd.Parameters.AddWithValue("$s", (long)serial);
        cmd.Parameters.AddWithValue("$t", Now(time));
        return (long)cmd.ExecuteScalar()!;
    }
}
