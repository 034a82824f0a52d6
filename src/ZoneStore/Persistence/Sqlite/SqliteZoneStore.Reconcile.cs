using Microsoft.Data.Sqlite;
using SplitDns.ZoneStore.Memory;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Persistence.Sqlite;

public sealed partial class SqliteZoneStore
{
    /// <summary>The journal's client column for changes made by re-reading a zone file.</summary>
    public const string ZoneFileClient = ReconcilePlan.ZoneFileClient;

    public async Task<ReconcileResult> ReconcileFileAsync(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords,
        DateTimeOffset now, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction();
            StoredZone? stored = LoadZone(zone, tx);
            if (stored is null)
            {
                var soa = (SoaRdata)fileRecords.Single(r => r.Type == RecordType.SOA).Data;
                long id = CreateZone(tx, zone, soa.Serial, now);
                InsertRecords(tx, id, JournalChain.Distinct(fileRecords), RecordProvenance.File);
                tx.Commit();
                return new ReconcileResult(ReconcileStatus.Created, soa.Serial, 0, fileRecords.Count);
            }

            var plan = ReconcilePlan.Create(stored.Records, fileRecords);
            if (plan.NewSoa is null)
            {
                return new ReconcileResult(ReconcileStatus.Unchanged, stored.Serial, 0, 0) { Records = stored.Records };
            }

            var (zoneId, _) = FindZone(zone, tx)!.Value;
            List<ResourceRecord> deleted = [plan.OldSoa, .. plan.Deleted];
            List<ResourceRecord> added = [plan.NewSoa, .. plan.Added];
            WriteChange(tx, zoneId, deleted, added, RecordProvenance.File);
            uint serial = ((SoaRdata)plan.NewSoa.Data).Serial;
            SetSerial(tx, zoneId, serial, now);
            AppendJournal(tx, zoneId, new ZoneCommit(zone, stored.Serial, serial, deleted, added,
                RecordProvenance.File, null, ZoneFileClient, now));
            tx.Commit();
            JournalRowsWritten(zoneId, 1);
            return new ReconcileResult(ReconcileStatus.Updated, serial, plan.Deleted.Count, plan.Added.Count);
        }
        finally
        {
            _gate.Release();
        }
    }
}
