using System.Security.Claims;

namespace SplitDns.Server.Api;

/// <summary>The authenticated caller as the journal and logs name it: "api:&lt;user&gt;".</summary>
public static class ApiUser
{
    public static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "anonymous");
}
