using Microsoft.Extensions.Configuration;
using SplitDns.Protocol.Edns;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Cookies;

/// <summary>
/// Reads SplitDns:Cookies. The secret is 32 hexadecimal digits, given inline (Secret) or in a
/// file (SecretFile, e.g. a mounted Kubernetes Secret); not both.
/// </summary>
public static class CookieSettingsReader
{
    public static CookieSettings Read(IConfigurationSection splitDns, string pathBase, List<string> errors)
    {
        IConfigurationSection s = splitDns.GetSection("Cookies");
        return new CookieSettings
        {
            Enabled = ServerSettingsReader.ReadBool(s, "Enabled", true, errors),
            RequireForUdp = ServerSettingsReader.ReadBool(s, "RequireForUdp", false, errors),
            Secret = ReadSecret(s, pathBase, errors),
        };
    }

    private static byte[]? ReadSecret(IConfigurationSection s, string pathBase, List<string> errors)
    {
        string? inline = s["Secret"];
        string? file = s["SecretFile"];
        if (!string.IsNullOrWhiteSpace(inline) && !string.IsNullOrWhiteSpace(file))
        {
            errors.Add($"{s.Path}: set Secret or SecretFile, not both");
            return null;
        }

        string key = s.Path + ":Secret";
        string? text = inline;
        if (!string.IsNullOrWhiteSpace(file))
        {
            key = s.Path + ":SecretFile";
            string path = ServerConfiguration.ResolvePath(file, pathBase);
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{key}: cannot read '{path}': {ex.Message}");
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.Length != InteroperableServerCookie.SecretLength * 2 || !IsHex(text))
        {
            errors.Add($"{key}: the secret must be {InteroperableServerCookie.SecretLength * 2} hexadecimal digits (16 bytes), e.g. from 'openssl rand -hex 16'");
            return null;
        }

        return Convert.FromHexString(text);
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
