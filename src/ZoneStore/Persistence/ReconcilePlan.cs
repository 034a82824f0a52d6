using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// The pure part of zone-file reconciliation, shared by every store: which file records go,
/// which come, and the new SOA. Dynamic and API records are never deleted; a file record equal
/// to one of them is not added twice. The serial takes the file's when it is newer (RFC 1982),
/// else the stored serial plus one, so it never goes backwards.
/// </summary>
public sealed class ReconcilePlan
{
    private ReconcilePlan(List<ResourceRecord> deleted, List<ResourceRecord> added, ResourceRecord? newSoa, ResourceRecord oldSoa)
    {
        Deleted = deleted;
        Added = added;
        NewSoa = newSoa;
        OldSoa = oldSoa;
    }

    /// <summary>The journal's client column for changes made by re-reading a zone file.</summary>
    public const string ZoneFileClient = "zone-file";

    /// <summary>File records to delete (not SOA).</summary>
    public List<ResourceRecord> Deleted { get; }

    /// <summary>File records to add (not SOA).</summary>
    public List<ResourceRecord> Added { get; }

    public ResourceRecord OldSoa { get; }

    /// <summary>The SOA to store, or null when nothing changed.</summary>
    public ResourceRecord? NewSoa { get; }

    public bool IsEmpty => NewSoa is null;

    public static ReconcilePlan Create(IReadOnlyList<StoredRecord> stored, IReadOnlyList<ResourceRecord> file)
    {
        ResourceRecord oldSoa = stored.First(r => r.Record.Type == RecordType.SOA).Record;
        ResourceRecord fileSoa = file.Single(r => r.Type == RecordType.SOA);
        var fromFile = new Dictionary<RecordKey, ResourceRecord>();
        var others = new HashSet<RecordKey>();
        foreach (StoredRecord s in stored)
        {
            if (s.Record.Type == RecordType.SOA)
            {
                continue;
            }

            if (s.Provenance == RecordProvenance.File)
            {
                fromFile[RecordKey.Of(s.Record)] = s.Record;
            }
            else
            {
                others.Add(RecordKey.Of(s.Record));
            }
        }

        var deleted = new List<ResourceRecord>();
        var added = new List<ResourceRecord>();
        var wanted = new HashSet<RecordKey>();
        foreach (ResourceRecord rr in file)
        {
            if (rr.Type == RecordType.SOA)
            {
                continue;
            }

            RecordKey key = RecordKey.Of(rr);
            if (!wanted.Add(key) || others.Contains(key))
            {
                continue;
            }

            if (fromFile.TryGetValue(key, out ResourceRecord? old))
            {
                if (old.Ttl == rr.Ttl)
                {
                    continue;
                }

                deleted.Add(old);
            }

            added.Add(rr);
        }

        foreach (var (key, rr) in fromFile)
        {
            if (!wanted.Contains(key))
            {
                deleted.Add(rr);
            }
        }

        var oldData = (SoaRdata)oldSoa.Data;
        var fileData = (SoaRdata)fileSoa.Data;
        bool soaChanged = oldSoa.Ttl != fileSoa.Ttl
            || !CanonicalRdata.Of(fileData.WithSerial(oldData.Serial)).AsSpan().SequenceEqual(CanonicalRdata.Of(oldData));
        if (deleted.Count == 0 && added.Count == 0 && !soaChanged)
        {
            return new ReconcilePlan(deleted, added, null, oldSoa);
        }

        uint serial = SerialArithmetic.IsNewer(fileData.Serial, oldData.Serial) ? fileData.Serial : SerialArithmetic.Add(oldData.Serial, 1);
        var newSoa = new ResourceRecord(fileSoa.Name, fileSoa.Ttl, fileData.WithSerial(serial));
        return new ReconcilePlan(deleted, added, newSoa, oldSoa);
    }
}
