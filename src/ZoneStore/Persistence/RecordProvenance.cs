namespace SplitDns.ZoneStore.Persistence;

/// <summary>Where a stored record came from. Persisted as text ("file", "dynamic", "api"): never rename.</summary>
public enum RecordProvenance
{
    /// <summary>Loaded from a zone file; replaced when the file changes.</summary>
    File = 0,

    /// <summary>Written by an RFC 2136 UPDATE; never touched by zone-file reconciliation.</summary>
    Dynamic = 1,

    /// <summary>Written through the HTTP API.</summary>
    Api = 2,
}
