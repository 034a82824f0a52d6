using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    /// <summary>
    /// Whether answering may have to wait (an upstream, the store): the query is then dropped when
    /// the listener is at its in-flight bound, as BIND drops past recursive-clients, and the client
    /// retries. Every query routed to a forwarder is dropped then, cache hits and blocked names
    /// included (the route is known before the chain runs, the cache only inside it); answers made
    /// at once for served zones, and REFUSED to clients without recursion, are not.
    /// </summary>
    private static bool WouldWait(QueryContext ctx, Route route) => route switch
    {
        Route.Update or Route.Notify or Route.Transfer => true,
        Route.Chain => ctx.RecursionAvailable && ctx.Target is QueryTarget.Conditional or QueryTarget.Upstream,
        _ => false,
    };
}
