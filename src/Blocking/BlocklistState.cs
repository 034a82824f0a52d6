namespace SplitDns.Blocking;

/// <summary>A snapshot of one list's state (a new instance after every load or attempt).</summary>
public sealed record BlocklistState
{
    public string Name { get; init; } = "";

    public string Source { get; init; } = "";

    /// <summary>Distinct names of the loaded copy.</summary>
    public int Entries { get; init; }

    /// <summary>Lines of the loaded copy that were neither a rule, a comment nor blank.</summary>
    public int InvalidLines { get; init; }

    /// <summary>The first <see cref="MaxProblems"/> invalid lines.</summary>
    public IReadOnlyList<ListProblem> Problems { get; init; } = [];

    /// <summary>When the serving copy was last loaded or confirmed current (a 304 or identical content).</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    public DateTimeOffset? LastAttempt { get; init; }

    /// <summary>Why the last attempt failed; null after a success.</summary>
    public string? LastError { get; init; }

    /// <summary>The serving copy was read from the download cache (not downloaded by this process).</summary>
    public bool FromCache { get; init; }

    public const int MaxProblems = 100;
}
