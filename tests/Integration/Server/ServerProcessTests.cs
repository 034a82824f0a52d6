using System.Diagnostics;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Item 1 and 6 with the built binary: signals, exit codes, start-up errors.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-proc-").FullName;
    private readonly System.Net.IPAddress _address = LoopbackAddress.Next();
    private int _httpPort;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Process Start(int port, params string[] extra)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Zones", "example.com.zone"), Path.Combine(_dir, "example.com.zone"), overwrite: true);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "splitdns.dll"));
        foreach (string a in (string[])[
            $"--SplitDns:Listen:Dns={_address}:{port}", $"--SplitDns:Listen:Http={_address}:{_httpPort = LoopbackAddress.FreePort(_address)}",
            $"--SplitDns:ZoneDirectory={_dir}", "--SplitDns:Domain=home.test", .. OfflineDefaults.Args, .. extra])
        {
            psi.ArgumentList.Add(a);
        }

        // The environment layer: SPLITDNS_ prefix, __ for nesting.
        psi.Environment["SPLITDNS_SplitDns__Chaos__Identity"] = "from-environment";
        return Process.Start(psi)!;
    }

    [Fact]
    public void Binary_ServesDomainFromSetting_ReloadsOnSighup_ExitsCleanlyOnSigterm()
    {
        int port = LoopbackAddress.FreePort(_address);
        using Process p = Start(port);
        var dig = new Dig(_address, port);
        try
        {
            Assert.True(WaitFor(() => dig.Query("www.home.test A").Status == "NOERROR"), "server did not start");
            // UDP answers before Kestrel has bound TCP and HTTP; the signals below are for a started server.
            Assert.True(WaitFor(() => dig.Query("www.home.test A", tcp: true).Status == "NOERROR" && HealthzAnswers()), "TCP/HTTP did not start");
            Assert.Equal(["www.home.test. 300 IN CNAME external.home.test.", "external.home.test. 300 IN A 192.168.1.73"], dig.Query("www.home.test A").Answer);
            Assert.EndsWith("\"from-environment\"", dig.Query("id.server CH TXT").Answer.Single());

            File.AppendAllText(Path.Combine(_dir, "example.com.zone"), "sighup A 192.0.2.1\n");
            Process.Start("kill", $"-HUP {p.Id}")!.WaitForExit();
            Assert.True(WaitFor(() => dig.Query("sighup.home.test A").Answer.Count == 1 && dig.Query("sighup.home.test A").Answer[0].EndsWith("192.0.2.1")));

            Process.Start("kill", $"-TERM {p.Id}")!.WaitForExit();
            Assert.True(p.WaitForExit(15_000));
            string log = p.StandardOutput.ReadToEnd();
            Assert.True(p.ExitCode == 0, $"exit code {p.ExitCode}\nstderr:\n{p.StandardError.ReadToEnd()}\nstdout:\n{log}");

            // The DNS TCP endpoint is named as such, not as Kestrel's "http://" address.
            Assert.Contains($"Listening for DNS over TCP on {_address}:{port}", log, StringComparison.Ordinal);
            Assert.DoesNotContain($"http://{_address}:{port}", log, StringComparison.Ordinal);
            Assert.Contains("Now listening on: http://", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill();
            }
        }
    }

    [Fact]
    public void Binary_SigtermAsSoonAsUdpAnswers_ExitsZero()
    {
        // UDP answers before Kestrel binds TCP and HTTP, so on a busy machine this SIGTERM
        // often lands while Kestrel is still binding: that stop must be as clean as a later one.
        int port = LoopbackAddress.FreePort(_address);
        using Process p = Start(port);
        var dig = new Dig(_address, port);
        try
        {
            Assert.True(WaitFor(() => dig.Query("www.home.test A").Status == "NOERROR"), "server did not start");
            Process.Start("kill", $"-TERM {p.Id}")!.WaitForExit();
            Assert.True(p.WaitForExit(30_000));
            Assert.True(p.ExitCode == 0, $"exit code {p.ExitCode}\nstderr:\n{p.StandardError.ReadToEnd()}");
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill();
            }
        }
    }

    [Fact]
    public void Binary_InvalidConfiguration_ExitCode2NamingTheKey()
    {
        using Process p = Start(LoopbackAddress.FreePort(_address), "--SplitDns:Tcp:MaxConnections=-1");
        Assert.True(p.WaitForExit(30_000));
        string err = p.StandardError.ReadToEnd();

        Assert.Equal(2, p.ExitCode);
        Assert.Contains("SplitDns:Tcp:MaxConnections: '-1' is not an integer in 1..100000", err);
    }

    [Fact]
    public void Binary_BrokenZone_ExitCode2WithFileAndLine()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.zone"), "$TTL 60\n@ SOA ns hostmaster 1 1 1 1 1\nwww A 300.1.1.1\n");
        using Process p = Start(LoopbackAddress.FreePort(_address), "--SplitDns:Zones:0:File=bad.zone");
        Assert.True(p.WaitForExit(30_000));
        string err = p.StandardError.ReadToEnd();

        Assert.Equal(2, p.ExitCode);
        Assert.Contains("bad.zone:3:", err);
    }

    [Fact]
    public void Binary_CheckCommand_GoodAndBroken()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Zones", "example.com.zone"), Path.Combine(_dir, "example.com.zone"), overwrite: true);
        string good = Dig.Run("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "splitdns.dll")} check --SplitDns:ZoneDirectory={_dir}");
        File.AppendAllText(Path.Combine(_dir, "example.com.zone"), "www A 192.0.2.9\n");
        string bad = Dig.Run("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "splitdns.dll")} check --SplitDns:ZoneDirectory={_dir}");

        Assert.Contains("configuration OK, 1 zone(s) OK", good);
        Assert.Contains("CNAME and other data", bad);
        Assert.Contains("1 error(s)", bad);
    }

    private bool HealthzAnswers()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return http.GetAsync($"http://{_address}:{_httpPort}/healthz").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static bool WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(150);
        }

        return false;
    }
}
