namespace SplitDns.Server.Api.Config;

/// <summary>One key of GET /api/v1/tsig-keys (never its secret); <see cref="OriginOf"/> is "config" or "api".</summary>
public sealed record TsigKeyInfo(string Name, string Algorithm, string OriginOf);
