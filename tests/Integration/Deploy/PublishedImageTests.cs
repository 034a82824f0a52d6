using System.Diagnostics;
using System.Globalization;
using System.Text;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The image's application run the way the image runs it: from /app as working directory
/// (zones/ and data/ relative to it), as the Dockerfile's USER with its ENV, no_new_privs
/// (Kubernetes' allowPrivilegeEscalation: false), the application folder read-only to it and
/// only data/ writable, serving port 53. Two ways to port 53 without root: CAP_NET_BIND_SERVICE
/// as the one (ambient) capability, and no capability at all in a network namespace with
/// net.ipv4.ip_unprivileged_port_start=0, which is what Docker, Podman and containerd 2 give a
/// container; with neither, start-up fails with exit code 3.
/// </summary>
public sealed class PublishedImageTests(PublishedImage image) : IClassFixture<PublishedImage>
{
    // Not 127.0.0.53 (systemd-resolved's stub listens there on 53).
    private const string Address = "127.0.0.71";
    private const int HttpPort = 5380;

    [Fact]
    public async Task PublishedApp_AsImageUserWithOnlyNetBindService_ServesPort53AndHealthcheck()
    {
        Assert.True(image.IsRoot, PublishedImage.RootRequired);
        ToolResult version = await RunAppAsync(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.Equal($"splitdns {image.Dockerfile.GlobalArgument("VERSION")}+{ImageBuild.Revision}", version.StandardOutput.Trim());
        Assert.True(File.Exists(Path.Combine(image.App, "zones", "example.com.zone")), "the image carries the default zones/");

        await using var server = ImageServer.Start(image, [
            "--inh-caps=-all,+net_bind_service", "--ambient-caps=-all,+net_bind_service", "--bounding-set=-all,+net_bind_service"]);
        await server.WaitForDnsAsync(tool => DigAsync(tool));

        // The process really is the image's user with nothing but CAP_NET_BIND_SERVICE (bit 10).
        string status = await File.ReadAllTextAsync($"/proc/{server.Id}/status");
        Assert.Contains($"Uid:\t{image.Uid}\t{image.Uid}\t{image.Uid}\t{image.Uid}", status, StringComparison.Ordinal);
        Assert.Contains("CapEff:\t0000000000000400", status, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t0000000000000400", status, StringComparison.Ordinal);
        Assert.Contains("NoNewPrivs:\t1", status, StringComparison.Ordinal);

        await AssertAnswersFromZoneAsync(args => DigAsync(args));
        Assert.True(File.Exists(Path.Combine(image.Data, "splitdns.db")), "the SQLite store is in the data volume");

        // HEALTHCHECK's command: the URL from the configuration (here the command line), or given.
        ToolResult fromConfig = await RunAppAsync(["healthcheck", $"--SplitDns:Listen:Http={Address}:{HttpPort}"]);
        Assert.True(fromConfig.ExitCode == 0, fromConfig.ToString());
        Assert.Contains($"http://{Address}:{HttpPort}/healthz 200", fromConfig.StandardOutput, StringComparison.Ordinal);
        ToolResult fromUrl = await RunAppAsync(["healthcheck", "--url", $"http://{Address}:{HttpPort}/healthz"]);
        Assert.True(fromUrl.ExitCode == 0, fromUrl.ToString());

        ToolResult notFound = await RunAppAsync(["healthcheck", "--url", $"http://{Address}:{HttpPort}/no-such-path"]);
        Assert.Equal(1, notFound.ExitCode);
        Assert.Contains("answered 404", notFound.StandardError, StringComparison.Ordinal);

        int closed = LoopbackAddress.FreePort(System.Net.IPAddress.Parse(Address));
        ToolResult refused = await RunAppAsync(["healthcheck", "--url", $"http://{Address}:{closed}/healthz"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Connection refused", refused.StandardError, StringComparison.Ordinal);

        await server.StopAsync();
    }

    [Fact]
    public async Task PublishedApp_NoCapabilitiesInNamespaceWithUnprivilegedPort0_ServesPort53()
    {
        Assert.True(image.IsRoot, PublishedImage.RootRequired);
        await using var server = ImageServer.Start(image, ["--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all"], ownNetworkNamespace: true);
        string netns = $"--net=/proc/{server.Id}/ns/net";
        await server.WaitForDnsAsync(args => ClientTool.RunAsync("nsenter", [netns, "/usr/bin/dig", .. DigArgs(args)], null, TimeSpan.FromSeconds(20)));

        string status = await File.ReadAllTextAsync($"/proc/{server.Id}/status");
        Assert.Contains("CapEff:\t0000000000000000", status, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t0000000000000000", status, StringComparison.Ordinal);

        await AssertAnswersFromZoneAsync(args => ClientTool.RunAsync("nsenter", [netns, "/usr/bin/dig", .. DigArgs(args)], null, TimeSpan.FromSeconds(20)));
        ToolResult health = await ClientTool.RunAsync("nsenter",
            [netns, Path.Combine(image.App, "splitdns"), "healthcheck", "--url", $"http://{Address}:{HttpPort}/healthz"], null, TimeSpan.FromMinutes(1));
        Assert.True(health.ExitCode == 0, health.ToString());

        await server.StopAsync();
    }

    [Fact]
    public async Task PublishedApp_NoCapabilitiesOnHostNetwork_Exit3CannotListen()
    {
        Assert.True(image.IsRoot, PublishedImage.RootRequired);
        // The other two tests prove something only where port 53 is privileged, as by default.
        int unprivileged = int.Parse((await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_unprivileged_port_start")).Trim(), CultureInfo.InvariantCulture);
        Assert.True(unprivileged > 53, $"net.ipv4.ip_unprivileged_port_start is {unprivileged} on this host: port 53 needs no capability here, so these tests cannot show that one is needed");

        await using var server = ImageServer.Start(image, ["--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all"]);
        int exitCode = await server.WaitForExitAsync();

        Assert.True(exitCode == ServerProgram.ExitBind, $"exit {exitCode}:\n{server.Log}");
        Assert.Contains("cannot listen", server.Log, StringComparison.Ordinal);
        Assert.Contains("Permission denied", server.Log, StringComparison.Ordinal);
    }

    private static async Task AssertAnswersFromZoneAsync(Func<string[], Task<ToolResult>> dig)
    {
        ToolResult udp = await dig(["+short", "www.example.com", "A"]);
        Assert.Equal("external.example.com.\n192.168.1.73\n", udp.StandardOutput);
        ToolResult tcp = await dig(["+tcp", "+short", "grafana.example.com", "A"]);
        Assert.Equal("internal.example.com.\n192.168.1.72\n", tcp.StandardOutput);
    }

    private static string[] DigArgs(string[] args) => [$"@{Address}", "-p", "53", "+time=2", "+tries=1", .. args];

    private static Task<ToolResult> DigAsync(string[] args) => ClientTool.RunAsync("dig", DigArgs(args), null, TimeSpan.FromSeconds(20));

    private Task<ToolResult> RunAppAsync(string[] args) =>
        ImageBuild.RunAsync(Path.Combine(image.App, "splitdns"), args, image.App, TimeSpan.FromMinutes(1));

    /// <summary>The published server started by setpriv as the container runtime would start it.</summary>
    private sealed class ImageServer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private ImageServer(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>
        /// setpriv: the image's user and group, no supplementary groups, the given capability
        /// sets, no_new_privs. With <paramref name="ownNetworkNamespace"/>, first unshare a network
        /// namespace, bring its loopback up and lower ip_unprivileged_port_start to 0 there, as
        /// Docker does for a container. HOME and TMPDIR are the read-only application folder, as
        /// on a read-only root filesystem.
        /// </summary>
        public static ImageServer Start(PublishedImage image, string[] capabilities, bool ownNetworkNamespace = false)
        {
            List<string> server =
            [
                "/usr/bin/setpriv", $"--reuid={image.Uid}", $"--regid={image.Uid}", "--clear-groups", .. capabilities, "--no-new-privs", "--",
                Path.Combine(image.App, "splitdns"),
                $"--SplitDns:Listen:Dns={Address}:53", $"--SplitDns:Listen:Http={Address}:{HttpPort}",
                // Nothing leaves loopback: no blocklist download, forwarders that are not there.
                .. OfflineDefaults.Args,
                "--SplitDns:Forwarders:Upstream=127.0.0.1:1", "--SplitDns:Forwarders:Conditional:lan=127.0.0.1:1",
            ];
            ProcessStartInfo start = ownNetworkNamespace
                ? new ProcessStartInfo("/usr/bin/unshare")
                : new ProcessStartInfo(server[0]);
            if (ownNetworkNamespace)
            {
                start.ArgumentList.Add("--net");
                start.ArgumentList.Add("--");
                start.ArgumentList.Add("/bin/sh");
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("ip link set lo up && echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start && exec \"$@\"");
                start.ArgumentList.Add("sh");
                server.ForEach(start.ArgumentList.Add);
            }
            else
            {
                server.Skip(1).ToList().ForEach(start.ArgumentList.Add);
            }

            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            start.WorkingDirectory = image.App;
            foreach (var (name, value) in image.Dockerfile.Environment(image.Dockerfile.Stages.Count - 1))
            {
                start.Environment[name] = value;
            }

            start.Environment["HOME"] = image.App;
            start.Environment["TMPDIR"] = image.App;
            return new ImageServer(Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName));
        }

        /// <summary>Waits (at most a minute) until the zone answers on port 53.</summary>
        public async Task WaitForDnsAsync(Func<string[], Task<ToolResult>> dig)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            // UDP listens before Kestrel (TCP) has started the hosted services and bound: wait for both.
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                ToolResult udp = await dig(["+short", "www.example.com", "A"]);
                ToolResult tcp = await dig(["+tcp", "+short", "www.example.com", "A"]);
                if (udp.StandardOutput.Contains("192.168.1.73", StringComparison.Ordinal)
                    && tcp.StandardOutput.Contains("192.168.1.73", StringComparison.Ordinal))
                {
                    return;
                }

                await Task.Delay(200);
            }

            Assert.Fail($"server did not answer on {Address}:53 (exited: {_process.HasExited}):\n{Log}");
        }

        /// <summary>Waits (at most a minute) for the server to exit by itself.</summary>
        public async Task<int> WaitForExitAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }

        /// <summary>SIGTERM, as the runtime stops a container: a clean exit 0 and nothing failed in the log.</summary>
        public async Task StopAsync()
        {
            Assert.Equal(0, (await ClientTool.RunAsync("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10))).ExitCode);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cts.Token);
            Assert.True(_process.ExitCode == 0, $"exit {_process.ExitCode}:\n{Log}");
            Assert.DoesNotContain("fail:", Log, StringComparison.Ordinal);

            // The one warning allowed: the first start on the (shared) data folder has no administrator
            // configured and prints a one-time token; later starts find it stored and print nothing.
            string[] warnings = Log.Split('\n').Where(l => l.Contains("warn:", StringComparison.Ordinal)).ToArray();
            Assert.True(warnings.All(w => w.Contains("AdminBootstrap[8101]", StringComparison.Ordinal)) && warnings.Length <= 1,
                string.Join('\n', warnings));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        }
    }
}
