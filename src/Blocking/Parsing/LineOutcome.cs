namespace SplitDns.Blocking.Parsing;

/// <summary>What one line of a list was.</summary>
internal enum LineOutcome
{
    /// <summary>One or more entries were added.</summary>
    Rule,

    /// <summary>Blank, a comment, a header, or a hosts line for a local name (localhost and the like).</summary>
    Ignored,

    /// <summary>Not a rule this server can use; counted with its reason.</summary>
    Invalid,
}
