using System.Collections.Concurrent;
using System.Text.Json;
using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>The two overlays, each rendered once per test run, and what the tests ask of them.</summary>
public static class Overlays
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> s_rendered = new(StringComparer.Ordinal);

    public static TheoryData<string> Names => new() { "postgres", "sqlite" };

    public static Rendered Get(string overlay) => s_rendered.GetOrAdd(overlay, o => new Lazy<Rendered>(() => Rendered.Render(o))).Value;

    /// <summary>A label selector (matchLabels, or a Service's plain map) selects these labels.</summary>
    public static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out string? v) && v == kv.Value);

    /// <summary>splitdns.json from the ConfigMap the workload mounts at /etc/splitdns.</summary>
    public static JsonElement Config(Rendered r)
    {
        YamlNode map = r.Single("ConfigMap", "splitdns-config");
        using JsonDocument doc = JsonDocument.Parse(map["data"]["splitdns.json"].Text!);
        return doc.RootElement.Clone();
    }

    /// <summary>The port of an ADDRESS:PORT list's first endpoint ("0.0.0.0:5380" gives 5380).</summary>
    public static int Port(string endpoints) => int.Parse(endpoints.Split(',')[0].Trim().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The server's shipped default for SplitDns:Listen:Http (src/DnsServer/appsettings.json).</summary>
    public static int DefaultHttpPort()
    {
        using JsonDocument doc = JsonDocument.Parse(Repo.Read("src", "DnsServer", "appsettings.json"));
        return Port(doc.RootElement.GetProperty("SplitDns").GetProperty("Listen").GetProperty("Http").GetString()!);
    }

    /// <summary>A container port by name (or number, as probes and Services may give either).</summary>
    public static YamlNode ContainerPort(Rendered r, string nameOrNumber, string protocol = "TCP") =>
        r.Container["ports"].Items.SingleOrDefault(p => (p["name"].Text == nameOrNumber || p["containerPort"].Text == nameOrNumber)
            && (p["protocol"].Text ?? "TCP") == protocol)
        ?? throw new Xunit.Sdk.XunitException($"{r.Overlay}: the container has no {protocol} port '{nameOrNumber}'");
}
