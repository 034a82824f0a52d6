using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The zone's records (SOA included) with their provenance, filtered by owner and type, in a
    /// stable order (canonical name order, RFC 4034 §6.1, then type code, then RDATA text); the
    /// cursor is the last record of the previous page, so pages stay consistent while records
    /// are added or deleted elsewhere in the zone.
    /// </summary>
    public async Task<RecordPage> ListAsync(string zone, string? view, string? name, string? type, int? limit, string? cursor,
        CancellationToken ct)
    {
        (ZoneKey key, ZoneSnapshot snapshot) = Resolve(zone, view);
        DnsName? owner = name is null ? null : ParseName(name, snapshot, "name");
        RecordType? rtype = type is null ? null : ParseType(type, "type");
        if (limit is < 1 or > MaxPageSize)
        {
            throw RecordRequestException.BadRequest("limit", $"{limit} is outside 1..{MaxPageSize}");
        }

        Position? after = cursor is null ? null : DecodeCursor(cursor, snapshot);
        List<(Position At, ApiRecord Record)> all = [];
        foreach (StoredRecord s in await LoadAsync(key, snapshot, ct).ConfigureAwait(false))
        {
            ResourceRecord rr = s.Record;
            if ((owner is { } o && !rr.Name.Equals(o)) || (rtype is { } t && rr.Type != t))
            {
                continue;
            }

            var at = new Position(rr.Name, (ushort)rr.Type, rr.Data.ToString());
            if (after is not { } a || at.CompareTo(a) > 0)
            {
                all.Add((at, ToApi(rr, s.Provenance)));
            }
        }

        all.Sort(static (x, y) => x.At.CompareTo(y.At));
        int size = limit ?? DefaultPageSize;
        List<ApiRecord> page = all.Take(size).Select(x => x.Record).ToList();
        string? next = all.Count > size ? EncodeCursor(all[size - 1].At) : null;
        return new RecordPage(page, next);
    }

    /// <summary>The zone's records with provenance from the store; without a store (or with it down) the snapshot's, as file records.</summary>
    private async Task<IReadOnlyList<StoredRecord>> LoadAsync(ZoneKey key, ZoneSnapshot snapshot, CancellationToken ct)
    {
        if (_writer.Store is { } store)
        {
            try
            {
                StoredZone? stored = await store.LoadZoneAsync(key, ct).ConfigureAwait(false);
                if (stored is not null && stored.Serial == snapshot.Serial)
                {
                    return stored.Records;
                }
            }
            catch (ZoneStoreUnavailableException)
            {
                // Reading goes on from the published snapshot (provenance unknown there).
            }
        }

        return snapshot.Records.Select(r => new StoredRecord(r, RecordProvenance.File)).ToList();
    }

    private static string EncodeCursor(Position p) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{p.Name}\t{p.Type}\t{p.Data}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Position DecodeCursor(string cursor, ZoneSnapshot snapshot)
    {
        try
        {
            string b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('\t', 3);
            return new Position(DnsName.Parse(parts[0], snapshot.Origin), ushort.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw RecordRequestException.BadRequest("cursor", "not a cursor this API returned");
        }
    }

    /// <summary>A record's place in the listing order.</summary>
    private readonly record struct Position(DnsName Name, ushort Type, string Data) : IComparable<Position>
    {
        public int CompareTo(Position other)
        {
            int c = Name.CompareTo(other.Name);
            if (c == 0)
            {
                c = Type.CompareTo(other.Type);
            }

            return c != 0 ? c : string.CompareOrdinal(Data, other.Data);
        }
    }
}
