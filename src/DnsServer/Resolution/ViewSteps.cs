using SplitDns.Server.Resolution.Steps;

namespace SplitDns.Server.Resolution;

/// <summary>The step instances made for one view; null where the view does not need the step.</summary>
public sealed record ViewSteps(ChaosStep Chaos, BlockingStep? Blocking, ForwardStep? Forward, AuthoritativeStep Authoritative);
