using System.Diagnostics;
using System.Net;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// The built binary resolves relative paths (ZoneDirectory, Store:Path) against the --config
/// file's folder, else the working directory: as the README's first command does from the
/// repository root (./zones, ./data/splitdns.db).
/// </summary>
public sealed class PathRuleProcessTests : IDisposable
{
    private readonly string _site = Directory.CreateTempSubdirectory("splitdns-site-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("splitdns-cwd-").FullName;
    private readonly IPAddress _address = LoopbackAddress.Next();

    public PathRuleProcessTests()
    {
        Directory.CreateDirectory(Path.Combine(_site, "zones"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Zones", "example.com.zone"), Path.Combine(_site, "zones", "example.com.zone"));
    }

    public void Dispose()
    {
        Directory.Delete(_site, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    [Fact]
    public void Binary_ConfigFileWithRelativePaths_ResolvedFromItsFolderNotTheWorkingDirectory()
    {
        int port = LoopbackAddress.FreePort(_address);
        string config = Path.Combine(_site, "splitdns.json");
        File.WriteAllText(config, $$"""
            { "SplitDns": { "Domain": "home.test", "ZoneDirectory": "zones", "Zones": [ { "File": "example.com.zone" } ],
              "Store": { "Path": "data/splitdns.db" }, "WatchZoneFiles": false,
              "Listen": { "Dns": "{{_address}}:{{port}}", "Http": "{{_address}}:{{LoopbackAddress.FreePort(_address)}}" } } }
            """);

        RunAndCheck(port, workingDirectory: _elsewhere, "--config", config);

        Assert.True(File.Exists(Path.Combine(_site, "data", "splitdns.db")));
        Assert.False(Directory.Exists(Path.Combine(_elsewhere, "data")));
    }

    [Fact]
    public void Binary_NoConfigFile_DefaultPathsFromWorkingDirectory()
    {
        // Like `dotnet run --project src/DnsServer` from the repository root: ./zones and ./data.
        int port = LoopbackAddress.FreePort(_address);

        RunAndCheck(port, workingDirectory: _site, $"--SplitDns:Listen:Dns={_address}:{port}",
            $"--SplitDns:Listen:Http={_address}:{LoopbackAddress.FreePort(_address)}", "--SplitDns:Domain=home.test",
            "--SplitDns:WatchZoneFiles=false");

        Assert.True(File.Exists(Path.Combine(_site, "data", "splitdns.db")));
    }

    private void RunAndCheck(int port, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "splitdns.dll"));
        foreach (string a in (string[])[.. args, .. OfflineDefaults.Args])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        var dig = new Dig(_address, port);
        try
        {
            bool served = false;
            for (int i = 0; i < 100 && !served && !p.HasExited; i++)
            {
                served = dig.Query("www.home.test A").Status == "NOERROR";
                if (!served)
                {
                    Thread.Sleep(150);
                }
            }

            Assert.True(served, p.HasExited ? $"exited {p.ExitCode}: {stdout.Result}{stderr.Result}" : "no answer");
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill();
                p.WaitForExit(10_000);
            }
        }
    }
}
