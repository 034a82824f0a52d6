using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Zones;

/// <summary>
/// Merges a zone file's records with the durable store (file records replaced, dynamic ones
/// kept) and returns the records to serve. Without one, a zone file is served as it is.
/// </summary>
public interface IZoneFileReconciler
{
    IReadOnlyList<ResourceRecord> Reconcile(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords);
}
