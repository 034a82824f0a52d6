using System.Text.Json;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// deploy/grafana/splitdns.json asks only for series the server exports: every metric name in a
/// panel's <c>expr</c> is in a real scrape of a server with a store, forwarders and a blocklist.
/// </summary>
public partial class DashboardTests(ObservabilityServerFixture server) : IClassFixture<ObservabilityServerFixture>
{
    /// <summary>
    /// Series only a PostgreSQL store with several replicas produces (another replica's commits
    /// caught up here). They cannot appear in this single-SQLite scrape, so the test checks instead
    /// that their instruments are still defined in the source (bench/load/replicas.sh and
    /// tests/Integration/Replicas exercise them).
    /// </summary>
    private static readonly string[] s_postgresReplicasOnly =
    [
        "splitdns_store_propagation_seconds",
        "splitdns_store_catchup_rows_total",
    ];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Dashboard_EveryMetricInPanelExpressions_ExistsInScrape()
    {
        // Traffic that makes the lazily created series appear: forwarded twice (miss, then a
        // cache hit), blocked, over TCP, and one UPDATE (applied, commit time, journal).
        Assert.Equal("NOERROR", server.Dig.Query("+rec forwarded.test A").Status);
        Assert.Equal("NOERROR", server.Dig.Query("+rec forwarded.test A").Status);
        server.Dig.Query("+rec ads.blocked.test A");
        Assert.Equal("NOERROR", server.Dig.Query("www.example.com A", tcp: true).Status);
        ToolResult update = await server.NsupdateAsync("update add dashboard.example.com. 60 A 192.0.2.7");
        Assert.True(update.ExitCode == 0, update.ToString());

        string scrape = await _http.GetStringAsync(server.Metrics);
        HashSet<string> exported = ExportedNames(scrape);
        List<string> used = DashboardMetricNames(File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "grafana", "splitdns.json")));

        Assert.True(used.Count > 20, $"only {used.Count} metric names found in the dashboard");
        string[] missing = [.. used.Where(n => !exported.Contains(n) && !s_postgresReplicasOnly.Contains(BaseName(n)))];
        Assert.True(missing.Length == 0, $"not in the scrape: {string.Join(", ", missing)}\n{scrape}");

        string source = string.Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).Select(File.ReadAllText));
        foreach (string name in s_postgresReplicasOnly)
        {
            // splitdns_store_catchup_rows_total is the counter "splitdns.store.catchup.rows".
            string instrument = Regex.Replace(name, "_total$", "").Replace('_', '.');
            Assert.Contains($"\"{instrument}\"", source, StringComparison.Ordinal);
        }
    }

    /// <summary>Metric names of every sample line (histograms as their _bucket, _sum and _count series).</summary>
    private static HashSet<string> ExportedNames(string scrape) =>
        [.. scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleName().Match(l).Value)];

    /// <summary>Every name in an <c>expr</c> that looks like one of ours (splitdns_, process_, dotnet_).</summary>
    private static List<string> DashboardMetricNames(string json)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(39, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        foreach (JsonElement panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out JsonElement targets))
            {
                continue;
            }

            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            foreach (JsonElement target in targets.EnumerateArray())
            {
                foreach (Match m in OurMetric().Matches(target.GetProperty("expr").GetString()!))
                {
                    names.Add(m.Value);
                }
            }
        }

        return [.. names];
    }

    private static string BaseName(string name) => Regex.Replace(name, "_(bucket|sum|count)$", "");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SplitDns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SplitDns.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"\b(splitdns|process|dotnet)_[a-z0-9_]+")]
    private static partial Regex OurMetric();
}
