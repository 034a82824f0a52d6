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

    /// <summary>
    /// The first token is an owner name the lexer kept as <see cref="OwnerText"/> only: its
    /// token's <see cref="RdataToken.Text"/> is empty (its line and column are right).
    /// </summary>
    public bool OwnerDeferred { get; private set; }

    public ReadOnlySpan<char> OwnerText => _owner.AsSpan(0, _ownerLength);

    private char[] _owner = new char[64];
    private int _ownerLength;

    public void DeferOwner(ReadOnlySpan<char> text)
    {
        if (text.Length > _owner.Length)
        {
            _owner = new char[Math.Max(text.Length, _owner.Length * 2)];
        }

        text.CopyTo(_owner);
        _ownerLength = text.Length;
        OwnerDeferred = true;
    }

    public void Reset()
    {
        Tokens.Clear();
        Faults.Clear();
        OwnerOmitted = false;
        OwnerDeferred = false;
    }
}
