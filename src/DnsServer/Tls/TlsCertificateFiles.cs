using System.Security.Cryptography;
using System.Text;

namespace SplitDns.Server.Tls;

/// <summary>The contents of one certificate's PEM files, read together (a reload compares their digest).</summary>
internal sealed class TlsCertificateFiles
{
    private TlsCertificateFiles(string certificate, string key, string? chain)
    {
        Certificate = certificate;
        Key = key;
        Chain = chain;
    }

    public string Certificate { get; }

    public string Key { get; }

    public string? Chain { get; }

    /// <summary>Reads the files; false with "key: path: reason" when one is missing or unreadable.</summary>
    public static bool TryRead(TlsCertificateSettings settings, out TlsCertificateFiles? files, out string? error)
    {
        files = null;
        if (!TryReadText(settings.CertificatePath, settings.ConfigKey + ":CertificatePath", out string? certificate, out error)
            || !TryReadText(settings.KeyPath, settings.ConfigKey + ":KeyPath", out string? key, out error))
        {
            return false;
        }

        string? chain = null;
        if (settings.ChainPath is { } chainPath && !TryReadText(chainPath, settings.ConfigKey + ":ChainPath", out chain, out error))
        {
            return false;
        }

        files = new TlsCertificateFiles(certificate!, key!, chain);
        error = null;
        return true;
    }

    public byte[] Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Certificate);
        Append(hash, Key);
        Append(hash, Chain ?? "");
        return hash.GetHashAndReset();
    }

    private static void Append(IncrementalHash hash, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    private static bool TryReadText(string path, string key, out string? text, out string? error)
    {
        text = null;
        try
        {
            text = File.ReadAllText(path);
            error = null;
            return true;
        }
        catch (FileNotFoundException)
        {
            error = $"{key}: {path}: file not found";
        }
        catch (DirectoryNotFoundException)
        {
            error = $"{key}: {path}: file not found (no such directory)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{key}: {path}: cannot read: {ex.Message}";
        }

        return false;
    }
}
