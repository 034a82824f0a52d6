using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SplitDns.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: initdb into a temp folder, served on 127.0.0.1 at a
/// free port (and a Unix socket inside the folder), trust authentication, fsync off (test data
/// need not survive a power cut; a stop and start keeps it). As root, initdb and pg_ctl refuse
/// to run, so they run as the <c>postgres</c> user that Debian's package creates.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static int s_databases;
    private readonly string _bin;
    private readonly string _dir;
    private bool _running;

    private PostgresCluster(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The cluster's data folder and log live below this folder.</summary>
    public string Folder => _dir;

    /// <summary>The maintenance database's connection string (user postgres, no password).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The newest installed PostgreSQL's bin folder, or null when none is installed.</summary>
    public static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    /// <summary>Creates and starts a new cluster.</summary>
    public static async Task<PostgresCluster> CreateAsync()
    {
        string bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): scripts/test.sh installs Debian's postgresql package");
        string dir = Directory.CreateTempSubdirectory("splitdns-pg-").FullName;
        var cluster = new PostgresCluster(bin, dir, FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", $"postgres: {dir}", asPostgres: false).ConfigureAwait(false);
            }

            await cluster.RunToolAsync("initdb", $"-D {cluster.DataDir} -U postgres --auth=trust --no-sync --no-instructions -E UTF8 --locale=C").ConfigureAwait(false);
            File.AppendAllText(Path.Combine(cluster.DataDir, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {cluster.Port}
                unix_socket_directories = '{dir}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 60
                shared_buffers = 16MB

                """);
            await cluster.StartAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string DataDir => Path.Combine(_dir, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
        Timeout = 5,
    }.ToString();

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        string name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again: same data, same port) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunToolAsync("pg_ctl", $"-D {DataDir} -l {Path.Combine(_dir, "server.log")} -w -t 60 start").ConfigureAwait(false);
        _running = true;
    }

    /// <summary>Stops the server the way an operator's restart does (fast: sessions are terminated with 57P01).</summary>
    public async Task StopAsync()
    {
        await RunToolAsync("pg_ctl", $"-D {DataDir} -m fast -w -t 60 stop").ConfigureAwait(false);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                await RunToolAsync("pg_ctl", $"-D {DataDir} -m immediate -w -t 30 stop").ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the folder is removed either way.
            }

            _running = false;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A server process still closing a file; the temp folder is reclaimed later.
        }
    }

    private Task RunToolAsync(string tool, string arguments) =>
        RunAsync(Path.Combine(_bin, tool), arguments, Environment.IsPrivilegedProcess);

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {arguments} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
