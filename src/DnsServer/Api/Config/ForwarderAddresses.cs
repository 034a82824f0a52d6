using System.Globalization;
using System.Net.Sockets;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// Forwarder servers as the API writes them: "address[:port]" with a protocol (udp, tcp, tls,
/// https) for the whole list, or one entry in the configuration's short form
/// ("tls://1.1.1.1#cloudflare-dns.com", "https://dns.example/dns-query").
/// </summary>
public static class ForwarderAddresses
{
    public static readonly IReadOnlyList<string> Protocols = ["udp", "tcp", "tls", "https"];

    /// <summary>Validates the protocol (null or empty: udp); throws 400 naming <paramref name="parameter"/>.</summary>
    public static string ParseProtocol(string? protocol, string parameter = "protocol")
    {
        string p = string.IsNullOrWhiteSpace(protocol) ? "udp" : protocol.Trim().ToLowerInvariant();
        if (!Protocols.Contains(p))
        {
            throw ConfigRequestException.BadRequest(parameter, $"'{protocol}' is not one of udp, tcp, tls, https");
        }

        return p;
    }

    /// <summary>Parses every entry; the first bad one is a 400 naming it ("forwarders[1]: ...").</summary>
    public static List<UpstreamEndpoint> Parse(IReadOnlyList<string>? entries, string protocol, string parameter)
    {
        var list = new List<UpstreamEndpoint>();
        if (entries is null)
        {
            return list;
        }

        for (int i = 0; i < entries.Count; i++)
        {
            string entry = entries[i]?.Trim() ?? "";
            string text = entry.Contains("://", StringComparison.Ordinal) ? entry : Qualify(entry, protocol);
            UpstreamEndpoint? endpoint = null;
            string? error = "empty";
            if (entry.Length == 0 || !UpstreamEndpoint.TryParse(text, out endpoint, out error))
            {
                throw ConfigRequestException.BadRequest($"{parameter}[{i}]",
                    $"'{entry}' is not a forwarder address ({error}; expected address[:port])");
            }

            list.Add(endpoint!);
        }

        return list;
    }

    /// <summary>"127.0.0.1:53", "[::1]:5353", a DoT server as "1.1.1.1:853#name", a DoH server as its URL.</summary>
    public static string Format(UpstreamEndpoint e)
    {
        if (e.Transport == UpstreamTransportKind.Https)
        {
            return e.Url!.ToString();
        }

        string host = e.Address!.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{e.Address}]" : e.Address.ToString();
        string text = string.Create(CultureInfo.InvariantCulture, $"{host}:{e.Port}");
        return e.Transport == UpstreamTransportKind.Tls && e.TlsName != e.Address.ToString() ? text + "#" + e.TlsName : text;
    }

    public static string ProtocolOf(UpstreamEndpoint e) => e.Transport switch
    {
        UpstreamTransportKind.Tcp => "tcp",
        UpstreamTransportKind.Tls => "tls",
        UpstreamTransportKind.Https => "https",
        _ => "udp",
    };

    /// <summary>The protocol of a list: its servers' common one ("udp" for an empty list, "mixed" when they differ).</summary>
    public static string ProtocolOf(IReadOnlyList<UpstreamEndpoint> servers)
    {
        if (servers.Count == 0)
        {
            return "udp";
        }

        string first = ProtocolOf(servers[0]);
        return servers.All(s => ProtocolOf(s) == first) ? first : "mixed";
    }

    private static string Qualify(string entry, string protocol)
    {
        if (protocol != "https")
        {
            return protocol + "://" + entry;
        }

        // DoH needs a path; RFC 8484's examples (and every public resolver) use /dns-query.
        return "https://" + entry + (entry.Contains('/', StringComparison.Ordinal) ? "" : "/dns-query");
    }
}
