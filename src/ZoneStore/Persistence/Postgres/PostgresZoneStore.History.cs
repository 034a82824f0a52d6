using Npgsql;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

public sealed partial class PostgresZoneStore
{
    public Task<IReadOnlyList<JournalEntry>> ReadJournalNewestFirstAsync(ZoneKey zone, long? beforeSequence, int limit, CancellationToken ct) =>
        RunAsync<IReadOnlyList<JournalEntry>>(async c =>
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT j.seq, j.serial_from, j.serial_to, j.time, j.key_name, j.client, j.provenance, j.deleted, j.added
            FROM journal j JOIN zones z ON z.id = j.zone_id
            WHERE z.view = $1 AND z.origin_key = $2 AND j.seq < $3
            ORDER BY j.seq DESC
            LIMIT $4;
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.View });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = OriginKey(zone) });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeSequence ?? long.MaxValue });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var entries = new List<JournalEntry>();
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            entries.Add(ReadJournalRow(r));
        }

        return entries;
    }, ct);
}
