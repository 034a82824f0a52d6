using System.Data;
using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

// Zones created and deleted as a whole (the HTTP API's runtime zones).
public sealed partial class PostgresZoneStore
{
    /// <summary>
    /// The zone row is inserted with <c>ON CONFLICT DO NOTHING</c>: of two replicas creating the
    /// same zone at once, one creates it and the other gets false once the first committed.
    /// </summary>
    public Task<bool> CreateZoneAsync(ZoneCommit creation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creation);
        return RunInTransactionAsync(async (c, tx) =>
        {
            if (await TryCreateZoneAsync(c, tx, creation.Zone, creation.NewSerial, creation.Time, ct).ConfigureAwait(false) is not long id)
            {
                return false;
            }

            await using var batch = new NpgsqlBatch(c, tx);
            AddInsertRecords(batch, id, JournalChain.Distinct(creation.Added), creation.Provenance);
            AddJournal(batch, id, creation);
            AddNotify(batch, creation.Zone, creation.NewSerial);
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, IsolationLevel.ReadCommitted, ct);
    }

    public Task<bool> DeleteZoneAsync(ZoneKey zone, CancellationToken ct) => RunInTransactionAsync(async (c, tx) =>
    {
        // Records and journal rows go with the zone (ON DELETE CASCADE).
        await using var cmd = new NpgsqlCommand("DELETE FROM zones WHERE view = $1 AND origin_key = $2 RETURNING id;", c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
        if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not long id)
        {
            return false;
        }

        lock (_trimLock)
        {
            _rowsSinceTrim.Remove(id);
        }

        return true;
    }, IsolationLevel.ReadCommitted, ct);
}
