using System.Text.RegularExpressions;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// Technitium's name-server address format ("1.1.1.1", "8.8.8.8:53", "[::1]:853",
/// "dns.quad9.net (9.9.9.9:853)", "https://cloudflare-dns.com/dns-query (1.1.1.1)") to the
/// "address[:port]" entries of <see cref="Config.ForwarderAddresses"/>, and its protocol names.
/// </summary>
internal static partial class TechnitiumForwarders
{
    [GeneratedRegex(@"^(?<name>\S+)\s*\((?<address>[^)]+)\)$")]
    private static partial Regex NamedAddress();

    /// <summary>Udp|Tcp|Tls|Https (any case) to udp|tcp|tls|https; Quic and others are errors.</summary>
    public static string Protocol(string? text, string parameter)
    {
        string p = string.IsNullOrWhiteSpace(text) ? "udp" : text.Trim().ToLowerInvariant();
        return p switch
        {
            "udp" or "tcp" or "tls" or "https" => p,
            "httpsjson" => "https",
            _ => throw new TechnitiumException($"Parameter '{parameter}': '{text}' is not supported (Udp, Tcp, Tls or Https)."),
        };
    }

    /// <summary>One entry in SplitDns's form for <paramref name="protocol"/>.</summary>
    public static string Address(string entry, string protocol)
    {
        string e = entry.Trim();
        if (e.Equals("this-server", StringComparison.OrdinalIgnoreCase))
        {
            throw new TechnitiumException(
                "forwarder 'this-server' (an override zone that falls through to normal resolution) is not supported: create a Primary zone for the names you serve");
        }

        Match m = NamedAddress().Match(e);
        if (!m.Success)
        {
            return e;
        }

        string name = m.Groups["name"].Value;
        string address = m.Groups["address"].Value.Trim();
        return protocol switch
        {
            "https" => name,
            "tls" => (address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('[') && address.Count(c => c == ':') == 1
                ? address : address + ":853") + "#" + name,
            _ => address,
        };
    }

    /// <summary>A comma list; "false" or empty clears it.</summary>
    public static List<string> List(string text, string protocol) =>
        text.Trim() is "" or "false" ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => Address(a, protocol))];

    /// <summary>Technitium's protocol name for udp|tcp|tls|https.</summary>
    public static string Name(string? protocol) => protocol switch
    {
        "tcp" => "Tcp",
        "tls" => "Tls",
        "https" => "Https",
        "mixed" => "Udp",
        _ => "Udp",
    };
}
