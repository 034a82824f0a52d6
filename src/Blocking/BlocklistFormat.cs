namespace SplitDns.Blocking;

/// <summary>The syntax of a blocklist file.</summary>
public enum BlocklistFormat
{
    /// <summary>Each line is recognised by itself: a hosts line, a plain domain, or an AdBlock rule.</summary>
    Auto,

    /// <summary>Hosts file lines: <c>IP name [name...]</c>.</summary>
    Hosts,

    /// <summary>One domain per line; <c>*.example.com</c> blocks the subdomains only.</summary>
    Domains,

    /// <summary>AdBlock / AdGuard DNS rules: <c>||domain^</c>, <c>@@||domain^</c>, <c>||*.domain^</c>.</summary>
    AdBlock,
}
