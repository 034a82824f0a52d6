using System.Globalization;
using System.Net;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// Where one upstream server lives and how to talk to it. Parsed from the short configuration
/// forms <c>1.1.1.1</c>, <c>udp://1.1.1.1:53</c>, <c>tcp://[::1]:5353</c>,
/// <c>tls://1.1.1.1#cloudflare-dns.com</c> and <c>https://dns.example/dns-query</c>, or built
/// from the structured form.
/// </summary>
public sealed record UpstreamEndpoint
{
    public required UpstreamTransportKind Transport { get; init; }

    /// <summary>The address packets go to; for DoH with a host name, the bootstrap address (optional).</summary>
    public IPAddress? Address { get; init; }

    public int Port { get; init; }

    /// <summary>The name the TLS certificate must carry (DoT: after '#'; DoH: the URL host).</summary>
    public string? TlsName { get; init; }

    /// <summary>The DoH URI template without variables (RFC 8484 §3).</summary>
    public Uri? Url { get; init; }

    /// <summary>DoH with GET (RFC 8484 §4.1, cache-friendly) instead of POST.</summary>
    public bool UseGet { get; init; }

    /// <summary>A short stable label for metrics and logs ("udp://127.0.0.1:53").</summary>
    public string Label => Transport switch
    {
        UpstreamTransportKind.Https => Url!.ToString(),
        UpstreamTransportKind.Tls => string.Create(CultureInfo.InvariantCulture, $"tls://{FormatHost(Address!)}:{Port}#{TlsName}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(Transport == UpstreamTransportKind.Tcp ? "tcp" : "udp")}://{FormatHost(Address!)}:{Port}"),
    };

    public override string ToString() => Label;

    public static int DefaultPort(UpstreamTransportKind kind) => kind switch
    {
        UpstreamTransportKind.Tls => 853,
        UpstreamTransportKind.Https => 443,
        _ => 53,
    };

    /// <summary>Parses the short form; on failure returns false with a reason for the operator.</summary>
    public static bool TryParse(string text, out UpstreamEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "empty upstream address";
            return false;
        }

        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseHttps(text, null, out endpoint, out error);
        }

        UpstreamTransportKind kind = UpstreamTransportKind.Udp;
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            string name = text[..scheme].ToLowerInvariant();
            kind = name switch
            {
                "udp" or "dns" => UpstreamTransportKind.Udp,
                "tcp" => UpstreamTransportKind.Tcp,
                "tls" or "dot" => UpstreamTransportKind.Tls,
                _ => (UpstreamTransportKind)(-1),
            };
            if (kind < 0)
            {
                error = $"unknown scheme '{name}' (use udp, tcp, tls or https)";
                return false;
            }

            text = text[(scheme + 3)..];
        }

        string? tlsName = null;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            tlsName = text[(hash + 1)..];
            text = text[..hash];
            if (kind != UpstreamTransportKind.Tls || tlsName.Length == 0)
            {
                error = "'#name' is only valid (and then required to be non-empty) for tls://";
                return false;
            }
        }

        if (!TryParseHostPort(text, DefaultPort(kind), out IPAddress? address, out int port, out error))
        {
            return false;
        }

        endpoint = new UpstreamEndpoint { Transport = kind, Address = address, Port = port, TlsName = tlsName ?? address!.ToString() };
        return true;
    }

    /// <summary>Builds a DoH endpoint; <paramref name="bootstrap"/> avoids resolving the URL host.</summary>
    public static bool TryParseHttps(string url, IPAddress? bootstrap, out UpstreamEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{url}' is not an absolute https:// URL";
            return false;
        }

        IPAddress? address = bootstrap;
        if (address is null && IPAddress.TryParse(uri.IdnHost, out IPAddress? literal))
        {
            address = literal;
        }

        endpoint = new UpstreamEndpoint
        {
            Transport = UpstreamTransportKind.Https,
            Url = uri,
            Address = address,
            Port = uri.Port,
            TlsName = uri.IdnHost,
        };
        error = null;
        return true;
    }

    private static bool TryParseHostPort(string text, int defaultPort, out IPAddress? address, out int port, out string? error)
    {
        port = defaultPort;
        string host = text;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                address = null;
                error = $"'{text}': missing ']'";
                return false;
            }

            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !TryParsePort(rest[1..], out port)))
            {
                address = null;
                error = $"'{text}': bad port";
                return false;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            if (!TryParsePort(text[(colon + 1)..], out port))
            {
                address = null;
                error = $"'{text}': bad port";
                return false;
            }
        }

        // Only IP literals: resolving an upstream's name through the system resolver could loop
        // back into this server.
        if (!IPAddress.TryParse(host, out address))
        {
            error = $"'{host}' is not an IP address (upstreams other than DoH are given by address)";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
