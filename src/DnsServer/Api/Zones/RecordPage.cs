namespace SplitDns.Server.Api.Zones;

/// <summary>One page of a zone's records in canonical order, and the cursor of the next page (null at the end).</summary>
public sealed record RecordPage(IReadOnlyList<ApiRecord> Records, string? NextCursor);
