using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

/// <summary>
/// One change to one zone instance, as every writer hands it to <see cref="ZoneWriter"/>: an
/// RFC 2136 UPDATE (<see cref="RecordProvenance.Dynamic"/>), the same shape from the HTTP API
/// (<see cref="RecordProvenance.Api"/>: prerequisites and updates in an UPDATE message, so serials,
/// prerequisites, the journal, NOTIFY and replicas treat both alike), or a zone file's records to
/// reconcile (<see cref="RecordProvenance.File"/>). The provenance is stored with every record the
/// change writes and in its journal row.
/// </summary>
public sealed class ZoneChangeRequest
{
    private ZoneChangeRequest(ZoneKey zone, RecordProvenance provenance)
    {
        Zone = zone;
        Provenance = provenance;
    }

    public ZoneKey Zone { get; }

    public RecordProvenance Provenance { get; }

    /// <summary>Dynamic and API changes: the UPDATE message (zone, prerequisite and update sections).</summary>
    public DnsMessage? Update { get; private init; }

    /// <summary>Dynamic and API changes: which names and types the requester may change.</summary>
    public ZoneUpdatePolicy? Policy { get; private init; }

    /// <summary>Who asked: the TSIG key name (dynamic) or the API user; journaled.</summary>
    public string? Actor { get; private init; }

    /// <summary>Where the request came from; journaled and checked by address grants.</summary>
    public IPEndPoint? Client { get; private init; }

    /// <summary>Dynamic changes: the check an applied update passes before it is committed (null: none).</summary>
    public IUpdateGuard? Guard { get; private init; }

    /// <summary>File changes: every record of the zone file, SOA included.</summary>
    public IReadOnlyList<ResourceRecord>? FileRecords { get; private init; }

    /// <summary>An RFC 2136 UPDATE.</summary>
    public static ZoneChangeRequest Dynamic(ZoneKey zone, DnsMessage update, ZoneUpdatePolicy policy, string? keyName, IPEndPoint client,
        IUpdateGuard? guard = null) =>
        new(zone, RecordProvenance.Dynamic) { Update = update, Policy = policy, Actor = keyName, Client = client, Guard = guard };

    /// <summary>A change made through the HTTP API, expressed as an UPDATE message.</summary>
    public static ZoneChangeRequest Api(ZoneKey zone, DnsMessage update, ZoneUpdatePolicy policy, string? user, IPEndPoint client) =>
        new(zone, RecordProvenance.Api) { Update = update, Policy = policy, Actor = user, Client = client };

    /// <summary>A zone file (re)loaded: its records replace the zone's file records, never the others.</summary>
    public static ZoneChangeRequest File(ZoneKey zone, IReadOnlyList<ResourceRecord> fileRecords) =>
        new(zone, RecordProvenance.File) { FileRecords = fileRecords };
}
