using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Api;

/// <summary>Reads SplitDns:Api; every error names its key and the reason.</summary>
public static class ApiSettingsReader
{
    /// <summary>The shortest secret accepted from configuration (a generated token has 43 characters).</summary>
    public const int MinimumSecretLength = 16;

    public static ApiSettings Read(IConfiguration configuration, ServerSettings server, DynamicSettings dynamic, List<string> errors)
    {
        IConfigurationSection s = configuration.GetSection(ServerSettingsReader.SectionName + ":Api");
        return new ApiSettings
        {
            Enabled = ServerSettingsReader.ReadBool(s, "Enabled", true, errors),
            AdminToken = ReadSecret(s, "AdminToken", server, errors),
            AdminPassword = ReadSecret(s, "AdminPassword", server, errors),
            SessionMinutes = ServerSettingsReader.ReadInt(s, "SessionMinutes", 30, 1, 24 * 60, errors),
            TokenCacheSeconds = ServerSettingsReader.ReadInt(s, "TokenCacheSeconds", 30, 0, 300, errors),
            LoginFailuresAllowed = ServerSettingsReader.ReadInt(s, "LoginFailuresAllowed", 10, 1, 1000, errors),
            Provider = dynamic.Provider,
            StorePath = dynamic.Provider == StoreProvider.Sqlite ? dynamic.StorePath : "",
            ConnectionString = dynamic.ConnectionString,
        };
    }

    /// <summary>Key, or the file Key + "File" names (a mounted Secret); both set is an error.</summary>
    private static string ReadSecret(IConfigurationSection s, string key, ServerSettings server, List<string> errors)
    {
        string inline = s[key] ?? "";
        string file = s[key + "File"] ?? "";
        if (inline.Length > 0 && file.Length > 0)
        {
            errors.Add($"{s.Path}:{key}: set either {key} or {key}File, not both");
            return "";
        }

        string secret = inline;
        if (file.Length > 0)
        {
            string path = ServerConfiguration.ResolvePath(file, server.PathBase);
            try
            {
                secret = File.ReadAllText(path).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{s.Path}:{key}File: cannot read '{path}': {ex.Message}");
                return "";
            }
        }

        if (secret.Length > 0 && secret.Length < MinimumSecretLength)
        {
            errors.Add($"{s.Path}:{key}: shorter than {MinimumSecretLength} characters");
            return "";
        }

        return secret;
    }
}
