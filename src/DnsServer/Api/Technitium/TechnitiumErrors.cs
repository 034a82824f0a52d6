using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Technitium;

/// <summary>The error message for exceptions of the shared services that mean "bad request" or "unavailable".</summary>
internal static class TechnitiumErrors
{
    public static string? Message(Exception ex) => ex switch
    {
        Config.ConfigRequestException c => c.Message,
        Zones.RecordRequestException r => r.Message,
        _ when AuthEndpoints.IsStoreFailure(ex) => "The store is unavailable: " + ex.Message,
        _ => null,
    };
}
