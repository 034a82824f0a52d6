namespace SplitDns.Server.Resolution;

/// <summary>
/// The one list that orders the resolver chain (DESIGN "The query path" step 4), applied to the
/// step instances of each view; steps a view does not have are left out.
/// </summary>
public static class QueryStepOrder
{
    public static IReadOnlyList<IQueryStep> For(ViewSteps steps)
    {
        IQueryStep?[] order =
        [
            steps.Chaos,

            // Before forwarding: a blocked name never leaves the server; wraps ForwardStep to
            // check the CNAME chain of what comes back. Served names pass straight on.
            steps.Blocking,

            // Before AuthoritativeStep: names the router sent to a forwarder are forwarded here
            // (or refused for clients without recursion); served names pass straight on.
            steps.Forward,
            steps.Authoritative,
        ];
        var chain = new List<IQueryStep>(order.Length);
        foreach (IQueryStep? step in order)
        {
            if (step is not null)
            {
                chain.Add(step);
            }
        }

        return chain;
    }
}
