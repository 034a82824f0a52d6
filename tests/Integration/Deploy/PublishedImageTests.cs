using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The image's application, published as the Dockerfile does, run the way the image runs it:
/// from its own folder as working directory (zones/ and data/ relative to it), as the
/// Dockerfile's USER, with the Dockerfile's ENV, only CAP_NET_BIND_SERVICE (ambient, as systemd's
/// AmbientCapabilities= or a runtime that grants ambient capabilities), no_new_privs, the
/// application folder read-only to it and only data/ writable, serving port 53.
/// </summary>
public sealed class PublishedImageTests
{
    // Not 127.0.0.53 (systemd-resolved's stub listens there on 53).
    private static readonly IPAddress s_address = IPAddress.Parse("127.0.0.71");

    [Fact]
    public async Task PublishedApp_AsImageUserWithOnlyNetBindService_ServesPort53AndHealthcheck()
    {
        Assert.True(EffectiveUid() == 0,
            "this test must run as root (scripts/test.sh does, in CI): setpriv needs root to start the server as the image's user with only CAP_NET_BIND_SERVICE");
        Dockerfile dockerfile = Dockerfile.Load();
        string uid = Assert.Single(Dockerfile.Named(dockerfile.Final, "USER")).Arguments.Split(':')[0];
        using ImageBuild build = await ImageBuild.PublishAsync(dockerfile);
        string app = build.App;

        ToolResult version = await ImageBuild.RunAsync(Path.Combine(app, "splitdns"), ["--version"], app, TimeSpan.FromMinutes(1));
        Assert.Equal(0, version.ExitCode);
        Assert.EndsWith("+" + ImageBuild.Revision, version.StandardOutput.Trim(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app, "zones", "example.com.zone")), "the image carries the default zones/");

        // The application folder stays root's (read-only to the server); data/ is the server's, as the volume.
        string data = Path.Combine(app, "data");
        Directory.CreateDirectory(data);
        Assert.Equal(0, (await ClientTool.RunAsync("chmod", ["755", build.Root], null, TimeSpan.FromSeconds(10))).ExitCode);
        Assert.Equal(0, (await ClientTool.RunAsync("chown", [$"{uid}:{uid}", data], null, TimeSpan.FromSeconds(10))).ExitCode);

        int http = LoopbackAddress.FreePort(s_address);
        using Process server = StartAsImageUser(dockerfile, uid, app, http, out StringBuilder log);
        try
        {
            var dig = new Dig(s_address, 53);
            Assert.True(await WaitForAsync(() => dig.Query("www.example.com A").Status == "NOERROR", server), $"server did not answer on port 53:\n{log}");

            // The process really is the image's user with nothing but CAP_NET_BIND_SERVICE (bit 10).
            string status = await File.ReadAllTextAsync($"/proc/{server.Id}/status");
            Assert.Contains($"Uid:\t{uid}\t{uid}\t{uid}\t{uid}", status, StringComparison.Ordinal);
            Assert.Contains("CapEff:\t0000000000000400", status, StringComparison.Ordinal);
            Assert.Contains("CapBnd:\t0000000000000400", status, StringComparison.Ordinal);
            Assert.Contains("NoNewPrivs:\t1", status, StringComparison.Ordinal);

            Assert.Equal(["www.example.com. 300 IN CNAME external.example.com.", "external.example.com. 300 IN A 192.168.1.73"],
                dig.Query("www.example.com A").Answer);
            Assert.Equal(["grafana.example.com. 300 IN CNAME internal.example.com.", "internal.example.com. 300 IN A 192.168.1.72"],
                dig.Query("grafana.example.com A", tcp: true).Answer);
            Assert.True(File.Exists(Path.Combine(data, "splitdns.db")), "the SQLite store is in the data volume");

            // HEALTHCHECK's command: the URL from the configuration (here the command line), or given.
            string[] listenHttp = [$"--SplitDns:Listen:Http={s_address}:{http}"];
            ToolResult fromConfig = await HealthcheckAsync(app, listenHttp);
            Assert.True(fromConfig.ExitCode == 0, fromConfig.ToString());
            Assert.Contains($"http://{s_address}:{http}/healthz 200", fromConfig.StandardOutput, StringComparison.Ordinal);
            ToolResult fromUrl = await HealthcheckAsync(app, ["--url", $"http://{s_address}:{http}/healthz"]);
            Assert.True(fromUrl.ExitCode == 0, fromUrl.ToString());

            int closed = LoopbackAddress.FreePort(s_address);
            ToolResult refused = await HealthcheckAsync(app, ["--url", $"http://{s_address}:{closed}/healthz"]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Connection refused", refused.StandardError, StringComparison.Ordinal);

            Assert.Equal(0, (await ClientTool.RunAsync("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10))).ExitCode);
            Assert.True(server.WaitForExit(15_000), "no exit after SIGTERM");
            Assert.True(server.ExitCode == 0, $"exit {server.ExitCode}:\n{log}");
            Assert.DoesNotContain("fail:", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
                server.WaitForExit(10_000);
            }
        }
    }

    /// <summary>
    /// setpriv as the container runtime: the image's user and group, no supplementary groups,
    /// CAP_NET_BIND_SERVICE as the only capability (bounding, inheritable, ambient), no_new_privs
    /// (Kubernetes' allowPrivilegeEscalation: false). HOME and TMPDIR point at the read-only
    /// application folder, as on a read-only root filesystem.
    /// </summary>
    private static Process StartAsImageUser(Dockerfile dockerfile, string uid, string app, int http, out StringBuilder log)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = app,
        };
        foreach (string a in (string[])[
            $"--reuid={uid}", $"--regid={uid}", "--clear-groups",
            "--inh-caps=-all,+net_bind_service", "--ambient-caps=-all,+net_bind_service", "--bounding-set=-all,+net_bind_service",
            "--no-new-privs", "--", Path.Combine(app, "splitdns"),
            $"--SplitDns:Listen:Dns={s_address}:53", $"--SplitDns:Listen:Http={s_address}:{http}",
            // Nothing leaves loopback: no blocklist download, forwarders that are not there.
            .. OfflineDefaults.Args,
            "--SplitDns:Forwarders:Upstream=127.0.0.1:1", "--SplitDns:Forwarders:Conditional:lan=127.0.0.1:1"])
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in dockerfile.Environment(dockerfile.Stages.Count - 1))
        {
            start.Environment[name] = value;
        }

        start.Environment["HOME"] = app;
        start.Environment["TMPDIR"] = app;
        var output = new StringBuilder();
        log = output;
        Process p = Process.Start(start) ?? throw new InvalidOperationException("cannot start setpriv");
        p.OutputDataReceived += (_, e) => Append(output, e.Data);
        p.ErrorDataReceived += (_, e) => Append(output, e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static Task<ToolResult> HealthcheckAsync(string app, string[] args) =>
        ImageBuild.RunAsync(Path.Combine(app, "splitdns"), ["healthcheck", .. args], app, TimeSpan.FromMinutes(1));

    private static async Task<bool> WaitForAsync(Func<bool> condition, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            if (CanConnect() && condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static bool CanConnect()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(s_address, 53));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EffectiveUid()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no Uid: line in /proc/self/status");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
