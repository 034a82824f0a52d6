namespace SplitDns.Blocking;

/// <summary>What one list entry says about a name.</summary>
public enum EntryKind
{
    /// <summary>Blocks the name and every name under it (<c>ads.example</c>, <c>||ads.example^</c>, a hosts line).</summary>
    Block,

    /// <summary>Blocks the names under it but not the name itself (<c>*.ads.example</c>, <c>||*.ads.example^</c>).</summary>
    BlockSubdomains,

    /// <summary>Allows the name and every name under it (<c>@@||ok.example^</c>; any entry of an allowlist).</summary>
    Allow,

    /// <summary>Allows the names under it only (<c>@@||*.ok.example^</c>; <c>*.ok.example</c> in an allowlist).</summary>
    AllowSubdomains,
}
