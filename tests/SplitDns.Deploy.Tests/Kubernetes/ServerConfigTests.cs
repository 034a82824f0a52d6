using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SplitDns.Deploy.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>
/// The configuration the pods get, run through the real server: `splitdns check` on the files,
/// arguments and environment of each overlay's container, and the sqlite overlay's pod started
/// (on loopback) to answer the probes.
/// </summary>
public sealed class ServerConfigTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void SplitdnsCheck_OnThePodsFilesArgumentsAndEnvironment_Passes(string overlay)
    {
        using var pod = new PodFilesystem(Overlays.Get(overlay));

        (int exit, string output) = ServerProcess.Check(pod);

        Assert.True(exit == 0, $"splitdns check failed for the {overlay} overlay:\n{output}");
        Assert.Contains("zone example.com.: loaded serial 2026112101", output, StringComparison.Ordinal);
        Assert.Contains("configuration OK, 1 zone(s) OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitdnsCheck_APostgresPodWithoutItsSecretFile_Fails()
    {
        // The test above would pass vacuously if the environment were not applied: prove it is.
        using var pod = new PodFilesystem(Overlays.Get("postgres"));
        File.Delete(Path.Combine(pod.Local("/run/secrets/splitdns"), "connection-string"));

        (int exit, string output) = ServerProcess.Check(pod);

        Assert.Equal(1, exit);
        Assert.Contains("SplitDns:Store:ConnectionStringFile", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The sqlite overlay's pod, on loopback: the probes answer, the store is on the data volume,
    /// the zone answers, and the DoH canary is NXDOMAIN in the home view. Loopback clients are
    /// put in the home view (Views:0:Networks) to see it. Blocking applies to names the view
    /// forwards, so the upstream is a loopback port where nothing listens: a blocked name sends
    /// nothing, and nothing can leave the machine.
    /// </summary>
    [Fact]
    public void SqlitePod_Starts_ProbesAnswer200_ZoneAnswers_DohCanaryIsNxdomainInTheHomeView()
    {
        Rendered r = Overlays.Get("sqlite");
        using var pod = new PodFilesystem(r);
        int dns = ServerProcess.FreePort();
        int http = ServerProcess.FreePort();
        // Loopback endpoints instead of 0.0.0.0:53/5380, and no download of the default blocklist
        // (tests never leave loopback); everything else is the pod's.
        using Process p = Process.Start(ServerProcess.StartInfo(pod, [.. pod.Arguments,
            $"--SplitDns:Listen:Dns=127.0.0.1:{dns}", $"--SplitDns:Listen:Http=127.0.0.1:{http}", "--SplitDns:Blocking:Lists:stevenblack=",
            $"--SplitDns:Forwarders:Upstream=127.0.0.1:{ServerProcess.FreePort()}", "--SplitDns:Forwarders:Conditional:lan=", "--SplitDns:Views:0:Networks=127.0.0.0/8"]))!;
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(2) };
            foreach (string probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                string path = r.Container.At($"{probe}.httpGet.path").Text!;
                Assert.True(WaitForOk(client, path, p), $"{probe} {path} never answered 200:\n{output}");
            }

            Assert.True(File.Exists(Path.Combine(pod.Local("/var/lib/splitdns"), "splitdns.db")), "the SQLite store is not on the data volume");
            DnsMessage wildcard = UdpQuery.Send(dns, "not-migrated.example.com", RecordType.A);
            Assert.Equal(DnsRcode.NoError, wildcard.Rcode);
            Assert.Equal(RecordType.A, Assert.Single(wildcard.Answers).Type);
            Assert.Equal(DnsRcode.NxDomain, UdpQuery.Send(dns, "use-application-dns.net", RecordType.A).Rcode);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill();
                p.WaitForExit();
            }
        }
    }

    [Fact]
    public void ConfigMapConfig_EveryKeyIsOneTheConfigurationReferenceDocuments()
    {
        string reference = Repo.Read("docs", "configuration.md");
        JsonElement config = Overlays.Config(Overlays.Get("sqlite"));
        var unknown = new List<string>();
        foreach (string key in Keys(config.GetProperty("SplitDns"), "SplitDns"))
        {
            foreach (string segment in key.Split(':').Skip(1))
            {
                if (!Regex.IsMatch(reference, $@"`[^`]*\b{Regex.Escape(segment)}\b[^`]*`"))
                {
                    unknown.Add(key);
                }
            }
        }

        Assert.Empty(unknown);
    }

    private static IEnumerable<string> Keys(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                // Children of Lists and Conditional are names the user chooses (a list, a zone).
                bool named = path.EndsWith(":Lists", StringComparison.Ordinal) || path.EndsWith(":Conditional", StringComparison.Ordinal);
                string child = named ? path : $"{path}:{p.Name}";
                foreach (string k in Keys(p.Value, child))
                {
                    yield return k;
                }

                if (named)
                {
                    continue;
                }

                yield return child;
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in e.EnumerateArray())
            {
                foreach (string k in Keys(item, path))
                {
                    yield return k;
                }
            }
        }
    }

    private static bool WaitForOk(HttpClient client, string path, Process server)
    {
        for (int i = 0; i < 200 && !server.HasExited; i++)
        {
            try
            {
                if (client.GetAsync(path).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(150);
        }

        return false;
    }
}
