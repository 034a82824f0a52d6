using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Helm;

/// <summary>
/// deploy/helm/splitdns without Helm (it cannot be installed where these tests run): the chart's
/// YAML parses, templates only use values that exist and have balanced actions and blocks, every
/// value is documented, and the default server configuration passes the real `splitdns check`.
/// </summary>
public sealed partial class ChartTests
{
    private static readonly YamlNode s_values = YamlNode.ParseFile(Path.Combine(Repo.Chart, "values.yaml"));

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(Path.Combine(Repo.Chart, "templates")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void ChartYaml_IsApiV2_NamedSplitdns_WithVersions()
    {
        YamlNode chart = YamlNode.ParseFile(Path.Combine(Repo.Chart, "Chart.yaml"));

        Assert.Equal("v2", chart["apiVersion"].Text);
        Assert.Equal("splitdns", chart["name"].Text);
        Assert.Matches(@"^\d+\.\d+\.\d+$", chart["version"].Text!);
        Assert.NotNull(chart["appVersion"].Text);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_EveryValuesReference_ExistsInValuesYaml(string template)
    {
        string text = File.ReadAllText(Path.Combine(Repo.Chart, "templates", template));
        var missing = new List<string>();
        foreach (Match m in ValuesReference().Matches(text))
        {
            YamlNode node = s_values;
            foreach (string part in m.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node[part];
            }

            if (!node.Exists && !Has(m.Groups[1].Value))
            {
                missing.Add(m.Value);
            }
        }

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_ActionsAndBlocks_AreBalanced(string template)
    {
        string text = File.ReadAllText(Path.Combine(Repo.Chart, "templates", template));
        int depth = 0;

        Assert.Equal(Regex.Count(text, @"\{\{"), Regex.Count(text, @"\}\}"));
        foreach (Match m in Action().Matches(text))
        {
            depth += m.Groups[1].Value == "end" ? -1 : 1;
            Assert.True(depth >= 0, $"{template}: an 'end' without its block at offset {m.Index}");
        }

        Assert.Equal(0, depth);
    }

    [Fact]
    public void ValuesYaml_EveryKeyOutsideConfig_HasACommentAboveOrBeside()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Repo.Chart, "values.yaml"));
        var undocumented = new List<string>();
        int skipDeeperThan = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int indent = line.Length - line.TrimStart().Length;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (skipDeeperThan >= 0 && indent > skipDeeperThan)
            {
                continue;
            }

            skipDeeperThan = -1;
            Match key = Regex.Match(line, @"^\s*([A-Za-z0-9_.-]+):(.*)$");
            if (!key.Success)
            {
                continue;
            }

            // The server's own keys under config are documented in docs/configuration.md; block
            // scalars (zone files) are content.
            if (key.Groups[1].Value == "config" || key.Groups[2].Value.TrimEnd().EndsWith('|'))
            {
                skipDeeperThan = indent;
            }

            if (!lines[i - 1].TrimStart().StartsWith('#') && !key.Groups[2].Value.Contains(" # ", StringComparison.Ordinal))
            {
                undocumented.Add($"values.yaml:{i + 1}: {key.Groups[1].Value}");
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Readme_ListsEveryValue()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Chart, "README.md"));
        var missing = Leaves(s_values, "").Where(p => !readme.Contains($"| `{p}` |", StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
        Assert.Contains("not installed", readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deployment.yaml", "path: /healthz")]
    [InlineData("deployment.yaml", "path: /readyz")]
    [InlineData("deployment.yaml", "runAsUser: 1654")]
    [InlineData("deployment.yaml", "readOnlyRootFilesystem: true")]
    [InlineData("deployment.yaml", "allowPrivilegeEscalation: false")]
    [InlineData("deployment.yaml", "add: [\"NET_BIND_SERVICE\"]")]
    [InlineData("deployment.yaml", "requiredDuringSchedulingIgnoredDuringExecution")]
    [InlineData("deployment.yaml", "type: Recreate")]
    [InlineData("service-dns-gateway.yaml", "lbipam.cilium.io/ips")]
    [InlineData("service-dns-gateway.yaml", "app.kubernetes.io/component: {{ .Values.component }}")]
    [InlineData("servicemonitor.yaml", "path: /metrics")]
    [InlineData("deployment.yaml", "name: SPLITDNS_SplitDns__Store__Provider")]
    [InlineData("deployment.yaml", "name: SPLITDNS_SplitDns__Store__ConnectionStringFile")]
    [InlineData("deployment.yaml", "name: SPLITDNS_SplitDns__Tsig__Keys__0__Secret")]
    [InlineData("deployment.yaml", "enableServiceLinks: false")]
    [InlineData("deployment.yaml", "name: net.ipv4.ip_unprivileged_port_start")]
    [InlineData("service-dns-gateway.yaml", "type: LoadBalancer")]
    public void Template_CarriesWhatTheKustomizeManifestsDo(string template, string expected) =>
        Assert.Contains(expected, File.ReadAllText(Path.Combine(Repo.Chart, "templates", template)), StringComparison.Ordinal);

    [Fact]
    public void Values_DefaultsMatchTheManifests()
    {
        Assert.Equal("dns-server", s_values["component"].Text);
        Assert.Equal("192.168.1.71", s_values.At("dnsGateway.ip").Text);
        Assert.Equal("Local", s_values.At("dnsGateway.externalTrafficPolicy").Text);
        Assert.Equal("sqlite", s_values.At("store.provider").Text);
        Assert.Equal("3", s_values["replicas"].Text);
        Assert.Equal("2", s_values.At("pdb.minAvailable").Text);
        Assert.Equal(Kubernetes.Overlays.DefaultHttpPort().ToString(System.Globalization.CultureInfo.InvariantCulture), s_values.At("ports.http").Text);
        Assert.Equal(s_values.At("tsig.keyName").Text, s_values.At("config.Tsig.Keys").Items.First()["Name"].Text);
    }

    /// <summary>
    /// The chart's splitdns.json, as templates/_helpers.tpl builds it (config plus Listen from
    /// ports), and its files go through the real `splitdns check`, with the TSIG secret from the
    /// environment as the Deployment gives it.
    /// </summary>
    [Fact]
    public void ValuesConfig_WithTheChartsFiles_PassesSplitdnsCheck()
    {
        string dir = Directory.CreateTempSubdirectory("splitdns-chart-").FullName;
        try
        {
            var config = (Dictionary<string, object?>)Plain(s_values["config"])!;
            config["Listen"] = new Dictionary<string, object?> { ["Dns"] = $"0.0.0.0:{s_values.At("ports.dns").Text}", ["Http"] = $"0.0.0.0:{s_values.At("ports.http").Text}" };
            string data = Path.Combine(dir, "data");
            string json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["SplitDns"] = config }).Replace("/var/lib/splitdns", data, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "splitdns.json"), json);
            foreach (KeyValuePair<string, YamlNode> file in s_values["files"].Entries)
            {
                File.WriteAllText(Path.Combine(dir, file.Key), file.Value.Text);
            }

            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])[Repo.ServerBinary, "check", "--config", Path.Combine(dir, "splitdns.json")])
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["SPLITDNS_SplitDns__Tsig__Keys__0__Secret"] = s_values.At("secret.tsigSecret").Text;
            using Process p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000));

            Assert.True(p.ExitCode == 0, output);
            Assert.Contains("configuration OK, 1 zone(s) OK", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static object? Plain(YamlNode node) =>
        node.IsMapping ? node.Entries.ToDictionary(kv => kv.Key, kv => Plain(kv.Value))
        : node.Text ?? (object)node.Items.Select(Plain).ToList();

    /// <summary>Keys with dots (files, logLevels) are addressed whole by the templates.</summary>
    private static bool Has(string dotted) => dotted.StartsWith(".files", StringComparison.Ordinal) || dotted.StartsWith(".logLevels", StringComparison.Ordinal);

    /// <summary>Value paths the README must list: leaves, and maps the chart passes through whole.</summary>
    private static IEnumerable<string> Leaves(YamlNode node, string prefix)
    {
        string[] whole = ["config", "files", "logLevels", "resources.requests", "resources.limits", "networkPolicy.postgresPodLabels"];
        foreach (KeyValuePair<string, YamlNode> kv in node.Entries)
        {
            string path = prefix.Length == 0 ? kv.Key : $"{prefix}.{kv.Key}";
            if (kv.Value.IsMapping && kv.Value.Entries.Any() && !whole.Contains(path))
            {
                foreach (string leaf in Leaves(kv.Value, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define|end)\b")]
    private static partial Regex Action();
}
