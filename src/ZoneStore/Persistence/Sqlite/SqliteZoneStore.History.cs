using Microsoft.Data.Sqlite;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

public sealed partial class SqliteZoneStore
{
    public async Task<IReadOnlyList<JournalEntry>> ReadJournalNewestFirstAsync(ZoneKey zone, long? beforeSequence, int limit, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (FindZone(zone, null) is not var (zoneId, _))
            {
                return [];
            }

            using SqliteCommand cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT seq, serial_from, serial_to, time, key_name, client, provenance, deleted, added
                FROM journal
                WHERE zone_id = $z AND seq < $before
                ORDER BY seq DESC
                LIMIT $limit;
                """;
            cmd.Parameters.AddWithValue("$z", zoneId);
            cmd.Parameters.AddWithValue("$before", beforeSequence ?? long.MaxValue);
            cmd.Parameters.AddWithValue("$limit", limit);
            var entries = new List<JournalEntry>();
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                entries.Add(ReadJournalRow(r));
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }
}
