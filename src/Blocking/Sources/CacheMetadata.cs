using System.Text.Json.Serialization;

namespace SplitDns.Blocking.Sources;

/// <summary>What is known about a downloaded copy (<c>NAME.meta.json</c> beside <c>NAME.list</c>): where it came from, its validators for a conditional GET, and when it was last confirmed current.</summary>
internal sealed record CacheMetadata
{
    public required string Source { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>When the copy was downloaded or last confirmed current (304 or identical content).</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>SHA-256 of the copy, hex.</summary>
    public string? Sha256 { get; init; }
}

[JsonSerializable(typeof(CacheMetadata))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CacheMetadataJson : JsonSerializerContext;
