using Microsoft.Data.Sqlite;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

// Zones created and deleted as a whole (the HTTP API's runtime zones).
public sealed partial class SqliteZoneStore
{
    public async Task<bool> CreateZoneAsync(ZoneCommit creation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creation);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            if (FindZone(creation.Zone, tx) is not null)
            {
                return false;
            }

            long id = CreateZone(tx, creation.Zone, creation.NewSerial, creation.Time);
            InsertRecords(tx, id, JournalChain.Distinct(creation.Added), creation.Provenance);
            AppendJournal(tx, id, creation);
            tx.Commit();
            JournalRowsWritten(id, 1);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DeleteZoneAsync(ZoneKey zone, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            if (FindZone(zone, tx) is not var (id, _))
            {
                return false;
            }

            // Records and journal rows go with the zone (ON DELETE CASCADE, foreign_keys on).
            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM zones WHERE id = $z;";
            cmd.Parameters.AddWithValue("$z", id);
            cmd.ExecuteNonQuery();
            tx.Commit();
            _rowsSinceTrim.Remove(id);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
