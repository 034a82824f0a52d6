using System.Net;
using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tls;

/// <summary>
/// Reads SplitDns:Tls (Certificates:N:{CertificatePath, KeyPath, ChainPath, Hosts}, ReloadCheckSeconds)
/// and SplitDns:Listen:Dot. Every certificate is loaded once here, so a missing file, a PEM
/// without a certificate or key, or a key that is not the certificate's is a start-up error
/// (and a <c>splitdns check</c> error) naming the key, the file and the reason. A DoT listener
/// without a certificate is an error too.
/// </summary>
public static class TlsSettingsReader
{
    public const string CertificatesKey = ServerSettingsReader.SectionName + ":Tls:Certificates";

    /// <param name="dnsEndpoints">SplitDns:Listen:Dns: a DoT endpoint may not also be a plain one.</param>
    public static TlsSettings Read(IConfigurationSection splitDns, string pathBase, IReadOnlyList<IPEndPoint> dnsEndpoints, List<string> errors)
    {
        IConfigurationSection s = splitDns.GetSection("Tls");
        List<IPEndPoint> dot = ServerSettingsReader.ReadEndpoints(splitDns.GetSection("Listen:Dot"), "", errors);
        foreach (IPEndPoint ep in dot)
        {
            if (dnsEndpoints.Contains(ep))
            {
                errors.Add($"{splitDns.Path}:Listen:Dot: {ep} is also in {splitDns.Path}:Listen:Dns; one TCP port serves either plain DNS or DNS over TLS");
            }
        }
        var certificates = new List<TlsCertificateSettings>();
        foreach (IConfigurationSection c in s.GetSection("Certificates").GetChildren())
        {
            if (ReadCertificate(c, pathBase, errors) is { } certificate)
            {
                certificates.Add(certificate);
            }
        }

        var settings = new TlsSettings
        {
            Certificates = certificates,
            ReloadCheckInterval = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(s, "ReloadCheckSeconds", 30, 1, 86_400, errors)),
            DotEndpoints = dot,
        };
        RequireCertificate(settings, splitDns.GetSection("Listen:Dot"), dot.Count, errors);
        return settings;
    }

    /// <summary>
    /// Adds an error when a TLS listener (<paramref name="listener"/>, with <paramref name="endpoints"/>
    /// endpoints) is configured but SplitDns:Tls:Certificates is empty; DoT and DoH both call it.
    /// </summary>
    public static void RequireCertificate(TlsSettings settings, IConfigurationSection listener, int endpoints, List<string> errors)
    {
        if (endpoints > 0 && !settings.HasCertificates)
        {
            errors.Add($"{listener.Path}: a TLS listener needs a certificate: set {CertificatesKey}:0:CertificatePath and "
                + $"{CertificatesKey}:0:KeyPath (PEM files)");
        }
    }

    private static TlsCertificateSettings? ReadCertificate(IConfigurationSection c, string pathBase, List<string> errors)
    {
        string? certificate = c["CertificatePath"];
        string? key = c["KeyPath"];
        if (string.IsNullOrWhiteSpace(certificate) || string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"{c.Path}: set both CertificatePath and KeyPath (PEM files, e.g. a cert-manager Secret's tls.crt and tls.key)");
            return null;
        }

        string? chain = string.IsNullOrWhiteSpace(c["ChainPath"]) ? null : ServerConfiguration.ResolvePath(c["ChainPath"]!, pathBase);
        var hosts = new List<string>();
        foreach ((string hostKey, string text) in ForwarderSettingsReader.Items(c.GetSection("Hosts")))
        {
            string host = TlsHostName.Normalize(text);
            if (!TlsHostName.IsValid(host))
            {
                errors.Add($"{hostKey}: '{text}' is not a host name (or a '*.example.com' wildcard)");
                continue;
            }

            hosts.Add(host);
        }

        var settings = new TlsCertificateSettings(ServerConfiguration.ResolvePath(certificate, pathBase),
            ServerConfiguration.ResolvePath(key, pathBase), chain, hosts, c.Path);

        // Loaded once to validate it; the certificate source loads it again for serving.
        using TlsCertificate? loaded = TlsCertificate.TryLoad(settings, out string? error);
        if (loaded is null)
        {
            errors.Add(error!);
        }

        return settings;
    }
}
