namespace SplitDns.Server.Api.Auth;

/// <summary>Who a valid token or password belongs to: the user, the role, and the token's name (for logs and the journal).</summary>
public sealed record ApiIdentity(string User, string Role, string TokenName);
