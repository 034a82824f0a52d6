namespace SplitDns.Server.Resolution;

/// <summary>
/// Who answers a query's name, decided once per query by <see cref="NameRouter"/> (DESIGN "The
/// query path" step 3): later steps act on it instead of matching zones and forwarders again.
/// </summary>
public enum QueryTarget
{
    /// <summary>Nothing here serves or forwards the name (the chain ends in REFUSED).</summary>
    None,

    /// <summary>A zone the view serves (<see cref="QueryContext.Zone"/>).</summary>
    Zone,

    /// <summary>A conditional forwarder zone of the view (<see cref="QueryContext.ForwardGroup"/>).</summary>
    Conditional,

    /// <summary>The view's upstream forwarders (<see cref="QueryContext.ForwardGroup"/>).</summary>
    Upstream,
}
