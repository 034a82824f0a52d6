using Microsoft.Data.Sqlite;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

public sealed partial class SqliteZoneStore
{
    public async Task<IReadOnlyList<JournalEntry>?> ReadJournalAsync(ZoneKey zone, uint fromSerial, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (FindZone(zone, null) is not var (zoneId, serial))
            {
                return null;
            }

            if (serial == fromSerial)
            {
                return [];
            }

            // Serials wrap (RFC 1982), so "newer than N" is found by sequence, not by serial order:
            // start at the newest row that begins at N and take every row after it.
            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT seq, serial_from, serial_to, time, key_name, client, provenance, deleted, added
                FROM journal
                WHERE zone_id = $z AND seq >= (SELECT MAX(seq) FROM journal WHERE zone_id = $z AND serial_from = $f)
                ORDER BY seq;
                """;
            cmd.Parameters.AddWithValue("$z", zoneId);
            cmd.Parameters.AddWithValue("$f", (long)fromSerial);
            var entries = new List<JournalEntry>();
            using (SqliteDataReader r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    entries.Add(ReadJournalRow(r));
                }
            }

            return JournalChain.IsContiguous(entries, fromSerial, serial) ? entries : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long> CountJournalAsync(ZoneKey zone, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (FindZone(zone, null) is not var (zoneId, _))
            {
                return 0;
            }

            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM journal WHERE zone_id = $z;";
            cmd.Parameters.AddWithValue("$z", zoneId);
            return (long)cmd.ExecuteScalar()!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> TrimJournalAsync(ZoneKey zone, int keep, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return FindZone(zone, null) is var (zoneId, _) ? TrimJournal(zoneId, keep) : 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Counts journal rows per zone and trims a zone's journal to the limit once it has written
    /// <c>_trimEvery</c> rows since its last trim, and on its first write after opening
    /// (the limit may have been lowered). Per zone, so zones taking turns are each trimmed; a
    /// zone's journal never holds more than limit + trimEvery - 1 rows. Caller holds the gate.
    /// </summary>
    private void JournalRowsWritten(long zoneId, int rows)
    {
        int since = _rowsSinceTrim.TryGetValue(zoneId, out int written) ? written + rows : _trimEvery;
        if (since >= _trimEvery)
        {
            TrimJournal(zoneId, _journalLimit);
            since = 0;
        }

        _rowsSinceTrim[zoneId] = since;
    }

    private int TrimJournal(long zoneId, int keep)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = """
            DELETE FROM journal WHERE zone_id = $z AND seq <
                (SELECT COALESCE(MIN(seq), 0) FROM (SELECT seq FROM journal WHERE zone_id = $z ORDER BY seq DESC LIMIT $keep));
            """;
        cmd.Parameters.AddWithValue("$z", zoneId);
        cmd.Parameters.AddWithValue("$keep", keep);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>One journal row as both journal reads select it (seq, serials, time, key, client, provenance, deleted, added).</summary>
    private static JournalEntry ReadJournalRow(SqliteDataReader r) => new(
        r.GetInt64(0), (uint)r.GetInt64(1), (uint)r.GetInt64(2),
        DateTimeOffset.Parse(r.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        RecordProvenanceText.Parse(r.GetString(6)),
        RecordListCodec.Decode((byte[])r[7]), RecordListCodec.Decode((byte[])r[8]));
}
