namespace SplitDns.Blocking;

/// <summary>An invalid line of a list: its 1-based line number and why it was skipped.</summary>
public readonly record struct ListProblem(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
