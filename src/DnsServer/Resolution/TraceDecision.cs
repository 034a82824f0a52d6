namespace SplitDns.Server.Resolution;

/// <summary>What a step did with a traced query.</summary>
public enum TraceDecision
{
    /// <summary>The step does not apply to this query and called the next one.</summary>
    Skipped,

    /// <summary>The step looked at the query, let it through and called the next one.</summary>
    Passed,

    /// <summary>The step answered (a refusal is an answer too).</summary>
    Answered,
}
