using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Reads SplitDns:Listen:Https and SplitDns:Doh. HTTP/3 (SplitDns:Doh:Http3) is refused: Kestrel
/// needs libmsquic for QUIC, which Debian 12 does not package, so the image cannot offer it.
/// </summary>
public static class DohSettingsReader
{
    public static DohSettings Read(IConfigurationSection splitDns, bool hasCertificates, List<string> errors)
    {
        List<System.Net.IPEndPoint> https = ServerSettingsReader.ReadEndpoints(splitDns.GetSection("Listen:Https"), "", errors);
        if (https.Count > 0 && !hasCertificates)
        {
            errors.Add($"{splitDns.Path}:Listen:Https: HTTPS needs a certificate: set SplitDns:Tls:Certificates (or use AllowPlainHttp behind a gateway that terminates TLS)");
        }

        IConfigurationSection s = splitDns.GetSection("Doh");
        if (ServerSettingsReader.ReadBool(s, "Http3", false, errors))
        {
            errors.Add($"{s.Path}:Http3: HTTP/3 is not available: Kestrel needs libmsquic, which Debian 12 does not package; "
                + "DoH is served over HTTP/1.1 and HTTP/2 — remove the setting");
        }

        return new DohSettings
        {
            HttpsEndpoints = https,
            Path = ReadPath(s, errors),
            TrustedProxies = ForwarderSettingsReader.ReadNetworks(s.GetSection("TrustedProxies"), errors),
            AllowPlainHttp = ServerSettingsReader.ReadBool(s, "AllowPlainHttp", false, errors),
            ConnectionsPerClient = ServerSettingsReader.ReadInt(s, "ConnectionsPerClient", 64, 0, 100_000, errors),
            RequestHeadersTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(s, "RequestHeadersTimeoutSeconds", 10, 1, 300, errors)),
            IdleTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(s, "IdleTimeoutSeconds", 30, 1, 3600, errors)),
            MaxStreamsPerConnection = ServerSettingsReader.ReadInt(s, "MaxStreamsPerConnection", 100, 1, 10_000, errors),
            HandshakeTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(s, "HandshakeTimeoutSeconds", 10, 1, 300, errors)),
        };
    }

    private static string ReadPath(IConfigurationSection s, List<string> errors)
    {
        string path = s["Path"] ?? DohSettings.DefaultPath;
        if (!path.StartsWith('/') || path.Contains('?') || path.Contains('#') || path.Contains(' '))
        {
            errors.Add($"{s.Path}:Path: '{path}' is not a URL path (it starts with '/', without '?', '#' or spaces)");
            return DohSettings.DefaultPath;
        }

        return path;
    }
}
