namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Who a valid token or password belongs to: the user, the role, and the token's name (for logs
/// and the journal). <paramref name="IsSession"/>: a login session (logout revokes it).
/// </summary>
public sealed record ApiIdentity(string User, string Role, string TokenName, bool IsSession = false);
