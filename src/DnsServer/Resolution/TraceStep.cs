namespace SplitDns.Server.Resolution;

/// <summary>The chain step a trace entry is about (GET /api/v1/explain names them in this order).</summary>
public enum TraceStep
{
    Chaos,
    Blocking,
    Forwarding,
    Authoritative,

    /// <summary>The terminal step: nothing here serves or forwards the name.</summary>
    Refused,
}
