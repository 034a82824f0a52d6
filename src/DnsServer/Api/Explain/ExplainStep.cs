namespace SplitDns.Server.Api.Explain;

/// <summary>One chain step's decision in an explanation: step and decision as the API spells them, and why.</summary>
public sealed record ExplainStep(string Step, string Decision, string Detail);
