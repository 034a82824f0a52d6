using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// One logical entry of a master file (RFC 1035 §5.1): the tokens of one line, or of several
/// lines joined by parentheses. Reused from entry to entry so the lexer allocates only tokens.
/// </summary>
internal sealed class ZoneEntry
{
    public List<RdataToken> Tokens { get; } = new(16);

    /// <summary>Problems the lexer found (unclosed quote or parenthesis): the entry is skipped.</summary>
    public List<(int Line, int Column, string Message)> Faults { get; } = [];

    /// <summary>The entry's first line began with a blank: the owner is the previous one (RFC 1035 §5.1).</summary>
    public bool OwnerOmitted { get; set; }

    public bool IsFaulted => Faults.Count > 0;

    public void Reset()
    {
        Tokens.Clear();
        Faults.Clear();
        OwnerOmitted = false;
    }
}
