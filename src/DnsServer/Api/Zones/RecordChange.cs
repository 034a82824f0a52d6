namespace SplitDns.Server.Api.Zones;

/// <summary>What an add, update or delete did: the record written (add, update), how many records went (delete), the zone's serial after it.</summary>
public sealed record RecordChange(ApiRecord? Record, int Deleted, uint Serial);
