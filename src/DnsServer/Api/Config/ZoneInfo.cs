namespace SplitDns.Server.Api.Config;

/// <summary>
/// One zone of GET /api/v1/zones: a primary zone instance in the catalog or a conditional forwarder
/// zone, where it comes from (<see cref="OriginOf"/> "config" or "api"), and for primaries the
/// serial and record count, for forwarders the servers.
/// </summary>
public sealed record ZoneInfo(string Name, string View, string Type, uint? Serial, int? Records, string OriginOf,
    IReadOnlyList<string>? Forwarders);
