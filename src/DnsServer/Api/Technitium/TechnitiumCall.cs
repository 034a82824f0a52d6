using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Technitium;

/// <summary>One authenticated (or anonymous, for login) Technitium call: its parameters and caller.</summary>
public sealed class TechnitiumCall(TechnitiumRequest request, ApiIdentity? identity, IServiceProvider services)
{
    public TechnitiumRequest Request { get; } = request;

    /// <summary>The caller; null only for calls that authenticate by user and password themselves.</summary>
    public ApiIdentity? Identity { get; } = identity;

    public IServiceProvider Services { get; } = services;

    /// <summary>The journal actor: "api:&lt;user&gt;", as for /api/v1.</summary>
    public string Actor => "api:" + (Identity?.User ?? "anonymous");

    public CancellationToken Aborted => Request.Aborted;
}
