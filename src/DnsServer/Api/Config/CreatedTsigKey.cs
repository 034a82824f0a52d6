namespace SplitDns.Server.Api.Config;

/// <summary>A key just created: the only time its secret (base64) is shown.</summary>
public sealed record CreatedTsigKey(string Name, string Algorithm, string Secret);
