using System.Data;
using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore
{
    private const string TrimSql = """
        DELETE FROM journal WHERE zone_id = $1 AND seq <
            (SELECT COALESCE(MIN(seq), 0) FROM (SELECT seq FROM journal WHERE zone_id = $1 ORDER BY seq DESC LIMIT $2) AS newest);
        """;

    /// <summary>Reads the zone's serial and its journal in one snapshot, so the chain check sees one state.</summary>
    public Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(ZoneKey zone, uint fromSerial, CancellationToken ct) =>
        RunInTransactionAsync((c, tx) => ReadJournalAsync(c, tx, zone, fromSerial, ct), IsolationLevel.RepeatableRead, ct);

    public Task<long> CountJournalAsync(ZoneKey zone, CancellationToken ct) => RunAsync(async c =>
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT COUNT(*) FROM journal j JOIN zones z ON z.id = j.zone_id WHERE z.view = $1 AND z.origin_key = $2;", c);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }, ct);

    public Task<int> TrimJournalAsync(ZoneKey zone, int keep, CancellationToken ct) => RunInTransactionAsync(async (c, tx) =>
    {
        // The zone's row lock orders this trim with the replicas' commits to the zone.
        if (await FindZoneAsync(c, tx, zone, forUpdate: true, ct).ConfigureAwait(false) is not var (zoneId, _))
        {
            return 0;
        }

        await using var cmd = new NpgsqlCommand(TrimSql, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keep });
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }, IsolationLevel.ReadCommitted, ct);

    private static async Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(NpgsqlConnection c, NpgsqlTransaction tx, ZoneKey zone,
        uint fromSerial, CancellationToken ct)
    {
        if (await FindZoneAsync(c, tx, zone, forUpdate: false, ct).ConfigureAwait(false) is not var (zoneId, serial))
        {
            return null;
        }

        return await ReadJournalRowsAsync(c, tx, zoneId, serial, fromSerial, ct).ConfigureAwait(false);
    }

    /// <summary>The zone's journal rows from <paramref name="fromSerial"/> up to <paramref name="serial"/>, or null when they do not chain.</summary>
    private static async Task<IReadOnlyList<JournalEntry>?> ReadJournalRowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, long zoneId,
        uint serial, uint fromSerial, CancellationToken ct)
    {
        if (serial == fromSerial)
        {
            return [];
        }

        // Serials wrap (RFC 1982), so "newer than N" is found by sequence, not by serial order:
        // start at the newest row that begins at N and take every row after it.
        await using var cmd = new NpgsqlCommand("""
            SELECT seq, serial_from, serial_to, time, key_name, client, provenance, deleted, added
            FROM journal
            WHERE zone_id = $1 AND seq >= (SELECT MAX(seq) FROM journal WHERE zone_id = $1 AND serial_from = $2)
            ORDER BY seq;
            """, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSerial });
        var entries = new List<JournalEntry>();
        await using (NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(ReadJournalRow(r));
            }
        }

        return JournalChain.IsContiguous(entries, fromSerial, serial) ? entries : null;
    }

    /// <summary>
    /// Counts journal rows per zone and appends a trim to the zone's limit to the writing batch
    /// once <c>_trimEvery</c> rows were written since the last trim, and on the first write after
    /// opening (the limit may have been lowered), exactly as the SQLite store does. The count is
    /// this replica's; each replica trims on its own count, which only makes trims more frequent.
    /// </summary>
    private void AddTrimIfDue(NpgsqlBatch batch, long zoneId, int rows)
    {
        lock (_trimLock)
        {
            int since = _rowsSinceTrim.TryGetValue(zoneId, out int written) ? written + rows : _trimEvery;
            if (since < _trimEvery)
            {
                _rowsSinceTrim[zoneId] = since;
                return;
            }

            _rowsSinceTrim[zoneId] = 0;
        }

        NpgsqlBatchCommand trim = Add(batch, TrimSql);
        trim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = zoneId });
        trim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _journalLimit });
    }

    /// <summary>One journal row as both journal reads select it (seq, serials, time, key, client, provenance, deleted, added).</summary>
    private static JournalEntry ReadJournalRow(NpgsqlDataReader r) => new(
        r.GetInt64(0), (uint)r.GetInt64(1), (uint)r.GetInt64(2),
        new DateTimeOffset(r.GetFieldValue<DateTime>(3)),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        RecordProvenanceText.Parse(r.GetString(6)),
        RecordListCodec.Decode((byte[])r[7]), RecordListCodec.Decode((byte[])r[8]));
}
