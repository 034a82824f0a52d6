using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    private const int JournalPage = 500;

    /// <summary>
    /// The zone's changes from the journal, newest first: RFC 2136 updates, API changes and
    /// zone-file reloads, each with its actor (TSIG key or api:user), client and provenance.
    /// <paramref name="beforeSerial"/>: start at the change that ended at that serial (pass a
    /// page's oldest from_serial to get the next page).
    /// </summary>
    public async Task<IReadOnlyList<HistoryChange>> HistoryAsync(string zone, string? view, int? limit, uint? beforeSerial, CancellationToken ct)
    {
        (ZoneKey key, _) = Resolve(zone, view);
        if (limit is < 1 or > MaxPageSize)
        {
            throw RecordRequestException.BadRequest("limit", $"{limit} is outside 1..{MaxPageSize}");
        }

        IZoneStore store = RequireStore();
        int size = limit ?? DefaultPageSize;
        var changes = new List<HistoryChange>(size);
        bool started = beforeSerial is null;
        long? before = null;
        while (changes.Count < size)
        {
            IReadOnlyList<JournalEntry> rows = await ReadPageAsync(store, key, before, ct).ConfigureAwait(false);
            foreach (JournalEntry e in rows)
            {
                started |= e.ToSerial == beforeSerial;
                if (started && changes.Count < size)
                {
                    changes.Add(ToHistory(e));
                }
            }

            if (rows.Count < JournalPage)
            {
                break;
            }

            before = rows[^1].Sequence;
        }

        if (!started)
        {
            throw RecordRequestException.BadRequest("before_serial", $"no change in the journal of {key} ends at serial {beforeSerial}");
        }

        return changes;
    }

    private static async Task<IReadOnlyList<JournalEntry>> ReadPageAsync(IZoneStore store, ZoneKey key, long? before, CancellationToken ct)
    {
        try
        {
            return await store.ReadJournalNewestFirstAsync(key, before, JournalPage, ct).ConfigureAwait(false);
        }
        catch (ZoneStoreUnavailableException ex)
        {
            throw RecordRequestException.Unavailable($"the zone store cannot be reached: {ex.Message}");
        }
    }

    private IZoneStore RequireStore() => _writer.Store
        ?? throw RecordRequestException.Conflict("history needs a zone store (SplitDns:Store:Path); this server has none");

    private static HistoryChange ToHistory(JournalEntry e) => new(e.Sequence, e.FromSerial, e.ToSerial, e.Time, e.KeyName, e.Client,
        ProvenanceText(e.Provenance), Lines(e.Deleted), Lines(e.Added));

    private static List<string> Lines(IEnumerable<ResourceRecord> records) => records.Select(r => r.ToString()).ToList();
}
