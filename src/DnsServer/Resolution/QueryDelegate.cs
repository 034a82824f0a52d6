namespace SplitDns.Server.Resolution;

/// <summary>The rest of the chain after a step (the folded pipeline, STYLE rule 2).</summary>
public delegate ValueTask QueryDelegate(QueryContext ctx);
