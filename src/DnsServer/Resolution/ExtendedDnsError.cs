using SplitDns.Protocol.Edns;

namespace SplitDns.Server.Resolution;

/// <summary>An Extended DNS Error to put in the response's OPT (RFC 8914); text is optional and should be a constant.</summary>
public readonly record struct ExtendedDnsError(ExtendedDnsErrorCode Code, string? Text = null);
