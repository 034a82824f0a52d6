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
                entries.Add(new JournalEntry(
                    r.GetInt64(0), (uint)r.GetInt64(1), (uint)r.GetInt64(2),
                    DateTimeOffset.Parse(r.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                    r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                    RecordProvenanceText.Parse(r.GetString(6)),
                    RecordListCodec.Decode((byte[])r[7]), RecordListCodec.Decode((byte[])r[8])));
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }
}
