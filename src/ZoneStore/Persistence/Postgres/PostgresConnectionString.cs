using System.Globalization;
using Npgsql;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// Where the PostgreSQL connection string comes from: a configuration value, or a file (a mounted
/// Kubernetes secret, so the password stays out of the configuration). Errors are sentences an
/// operator can act on.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// The connection string from <paramref name="value"/> or read from <paramref name="file"/>
    /// (exactly one of them; surrounding whitespace, such as the newline a secret ends with, is
    /// trimmed), checked for syntax and a host. Null with <paramref name="error"/> set otherwise.
    /// </summary>
    public static string? Resolve(string? value, string? file, out string? error)
    {
        bool hasValue = !string.IsNullOrWhiteSpace(value);
        bool hasFile = !string.IsNullOrWhiteSpace(file);
        if (hasValue == hasFile)
        {
            error = hasValue
                ? "set either the PostgreSQL connection string or the file that holds it, not both"
                : "no PostgreSQL connection string: set the connection string or the file that holds it";
            return null;
        }

        string text;
        string source;
        if (hasFile)
        {
            source = $"connection string file '{file}'";
            try
            {
                text = File.ReadAllText(file!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read the {source}: {ex.Message}";
                return null;
            }
        }
        else
        {
            source = "connection string";
            text = value!;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            error = $"the {source} is empty";
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                error = $"the {source} names no Host";
                return null;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The message names the bad keyword, never the value, so no password reaches the log.
            error = $"the {source} cannot be parsed: {ex.Message}";
            return null;
        }

        error = null;
        return text;
    }

    /// <summary>"host:port/database" (no user, no password): safe for logs and error messages.</summary>
    public static string Describe(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");
    }
}
