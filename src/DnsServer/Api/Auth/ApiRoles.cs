namespace SplitDns.Server.Api.Auth;

/// <summary>
/// What a token may do. Admin changes anything; Reader reads everything (zones, records,
/// history, query log, explain) and changes nothing: a change from a reader is 403.
/// </summary>
public static class ApiRoles
{
    public const string Admin = "admin";
    public const string Reader = "reader";

    /// <summary>Authorization policy: any valid token.</summary>
    public const string ReadPolicy = "splitdns-read";

    /// <summary>Authorization policy: an admin token.</summary>
    public const string AdminPolicy = "splitdns-admin";

    public static bool IsKnown(string role) => role is Admin or Reader;
}
