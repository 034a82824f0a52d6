namespace SplitDns.Server.WebUi;

/// <summary>One embedded UI file: its bytes, content type and strong ETag (a SHA-256 prefix).</summary>
internal sealed record WebUiAsset(byte[] Body, string ContentType, string ETag);
