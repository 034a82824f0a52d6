using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Server.Tls;

/// <summary>
/// One loaded certificate: the leaf with its private key, the chain sent with it (an
/// <see cref="SslStreamCertificateContext"/> built once, so a handshake does no chain building),
/// the SNI names it answers and a digest of the files it came from (a reload compares contents,
/// not timestamps: a Kubernetes Secret volume swaps a symlink and keeps old mtimes).
/// </summary>
public sealed class TlsCertificate : IDisposable
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    private readonly X509Certificate2Collection _chain;

    private TlsCertificate(TlsCertificateSettings settings, X509Certificate2 leaf, X509Certificate2Collection chain,
        IReadOnlyList<string> hosts, byte[] digest)
    {
        Settings = settings;
        Leaf = leaf;
        _chain = chain;
        Hosts = hosts;
        Digest = digest;
        Context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
    }

    public TlsCertificateSettings Settings { get; }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>What a TLS handshake presents: the leaf and its chain.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>SNI names this certificate is chosen for (lowercase, no trailing dot; "*.x" is a one-label wildcard).</summary>
    public IReadOnlyList<string> Hosts { get; }

    public DateTimeOffset NotAfter => new(Leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>SHA-256 over the files' contents, to tell whether they changed.</summary>
    internal byte[] Digest { get; }

    /// <summary>
    /// Reads and checks the PEM files. Null with <paramref name="error"/> ("key: path: reason")
    /// when a file is missing or unreadable, holds no certificate or no private key, or the key
    /// is not the certificate's.
    /// </summary>
    public static TlsCertificate? TryLoad(TlsCertificateSettings settings, out string? error)
    {
        if (TlsCertificateFiles.TryRead(settings, out TlsCertificateFiles? files, out error))
        {
            return TryLoad(settings, files!, out error);
        }

        return null;
    }

    internal static TlsCertificate? TryLoad(TlsCertificateSettings settings, TlsCertificateFiles files, out string? error)
    {
        string certKey = settings.ConfigKey + ":CertificatePath";
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(files.Certificate);
        }
        catch (CryptographicException ex)
        {
            error = $"{certKey}: {settings.CertificatePath}: not a PEM certificate ({ex.Message})";
            return null;
        }

        if (all.Count == 0)
        {
            error = $"{certKey}: {settings.CertificatePath}: no PEM 'BEGIN CERTIFICATE' block";
            return null;
        }

        X509Certificate2 leaf = all[0];
        var chain = new X509Certificate2Collection();
        for (int i = 1; i < all.Count; i++)
        {
            chain.Add(all[i]);
        }

        if (files.Chain is { } chainText && !TryImportChain(settings, chainText, chain, out error))
        {
            DisposeAll(all, chain);
            return null;
        }

        X509Certificate2? withKey = AttachKey(settings, leaf, files.Key, out error);
        if (withKey is null)
        {
            DisposeAll(all, chain);
            return null;
        }

        leaf.Dispose();
        try
        {
            return new TlsCertificate(settings, withKey, chain, HostsOf(settings, withKey), files.Digest());
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            withKey.Dispose();
            DisposeAll(chain, []);
            error = $"{certKey}: {settings.CertificatePath}: the certificate cannot be used for TLS ({ex.Message})";
            return null;
        }
    }

    private static bool TryImportChain(TlsCertificateSettings settings, string text, X509Certificate2Collection chain, out string? error)
    {
        var extra = new X509Certificate2Collection();
        try
        {
            extra.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            error = $"{settings.ConfigKey}:ChainPath: {settings.ChainPath}: not a PEM certificate ({ex.Message})";
            return false;
        }

        if (extra.Count == 0)
        {
            error = $"{settings.ConfigKey}:ChainPath: {settings.ChainPath}: no PEM 'BEGIN CERTIFICATE' block";
            return false;
        }

        chain.AddRange(extra);
        error = null;
        return true;
    }

    /// <summary>The leaf with the key file's private key, or null when the key is unreadable or not the leaf's.</summary>
    private static X509Certificate2? AttachKey(TlsCertificateSettings settings, X509Certificate2 leaf, string keyText, out string? error)
    {
        string keyKey = settings.ConfigKey + ":KeyPath";
        string algorithm = leaf.GetKeyAlgorithm();
        if (algorithm is not (RsaOid or EcOid))
        {
            error = $"{settings.ConfigKey}:CertificatePath: {settings.CertificatePath}: the certificate's key algorithm ({algorithm}) is not RSA or ECDSA";
            return null;
        }

        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal) || keyText.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            error = $"{keyKey}: {settings.KeyPath}: no unencrypted PEM private key ('BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY')";
            return null;
        }

        string mismatch = $"{keyKey}: {settings.KeyPath}: the private key does not match the certificate in {settings.CertificatePath} ({leaf.Subject})";
        try
        {
            if (algorithm == RsaOid)
            {
                using RSA rsa = RSA.Create();
                rsa.ImportFromPem(keyText);
                error = null;
                return leaf.CopyWithPrivateKey(rsa);
            }

            using ECDsa ec = ECDsa.Create();
            ec.ImportFromPem(keyText);
            error = null;
            return leaf.CopyWithPrivateKey(ec);
        }
        catch (ArgumentException)
        {
            // CopyWithPrivateKey: the key is not the certificate's; ImportFromPem: no key of this algorithm.
            error = mismatch;
            return null;
        }
        catch (CryptographicException)
        {
            // An RSA certificate with an EC key (or the reverse), or key material that does not parse.
            error = mismatch;
            return null;
        }
    }

    private static List<string> HostsOf(TlsCertificateSettings settings, X509Certificate2 leaf)
    {
        if (settings.Hosts.Count > 0)
        {
            return [.. settings.Hosts];
        }

        var hosts = new List<string>();
        foreach (X509Extension extension in leaf.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (string name in san.EnumerateDnsNames())
                {
                    hosts.Add(TlsHostName.Normalize(name));
                }
            }
        }

        if (hosts.Count == 0 && leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } cn)
        {
            hosts.Add(TlsHostName.Normalize(cn));
        }

        return hosts;
    }

    private static void DisposeAll(X509Certificate2Collection first, X509Certificate2Collection second)
    {
        foreach (X509Certificate2 c in first)
        {
            c.Dispose();
        }

        foreach (X509Certificate2 c in second)
        {
            c.Dispose();
        }
    }

    public void Dispose()
    {
        Leaf.Dispose();
        foreach (X509Certificate2 c in _chain)
        {
            c.Dispose();
        }
    }
}
