using SplitDns.Server.Resolution.Steps;

namespace SplitDns.Server.Resolution;

/// <summary>
/// The one list that orders the resolver chain (DESIGN "The query path" step 4). Steps are
/// resolved from DI by type; a type that is not registered is skipped, so a later issue adds
/// its step here (policy before Authoritative, forwarding after it) without touching the chain.
/// </summary>
public static class QueryStepOrder
{
    public static IReadOnlyList<Type> Steps { get; } =
    [
        typeof(ChaosStep),
        typeof(AuthoritativeStep),
    ];
}
