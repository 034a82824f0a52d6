using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>One server with example.com and the external-dns preset; the tests add disjoint names.</summary>
public sealed class ExternalDnsPrefixServer : IAsyncLifetime
{
    internal SplitDnsProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SplitDnsProcess.StartAsync(ZoneFiles.Small);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// What external-dns (rfc2136 provider, TXT registry) sends with
/// <c>--txt-prefix=_owner-%{record_type}.</c> and <c>--txt-owner-id=k8s-prod</c>, replayed
/// with nsupdate and the external-dns key. The TXT name is built by the registry's
/// <c>affixNameMapper.toTXTName</c> (registry/txt.go): the endpoint name is split at its first
/// dot, the prefix (with <c>%{record_type}</c> replaced by the lower-case type, and then no
/// <c>a-</c>/<c>cname-</c> type prefix on the label) is put before the first label, and
/// <c>--txt-wildcard-replacement</c> (unset here) would replace a leading <c>*</c>:
/// <c>example.com</c> → <c>_owner-a.example.com</c>, <c>*.apps.example.com</c> →
/// <c>_owner-a.*.apps.example.com</c>. One change set is one UPDATE (record and its TXT together).
/// </summary>
public sealed class ExternalDnsRecordTypePrefixTests : IClassFixture<ExternalDnsPrefixServer>
{
    private const string Owner = "external-dns/owner=k8s-prod";
    private readonly SplitDnsProcess _server;

    public ExternalDnsRecordTypePrefixTests(ExternalDnsPrefixServer fixture) => _server = fixture.Server;

    private static string Heritage(string resource) => $"\"heritage=external-dns,{Owner},external-dns/resource={resource}\"";

    [Fact]
    public async Task Updates_RecordTypePrefix_AllNoErrorServedAndOwnershipInAxfr()
    {
        (string Name, string Script)[] batches =
        [
            ("apex A", $"""
                update add example.com. 300 A 192.0.2.10
                update add _owner-a.example.com. 300 TXT {Heritage("ingress/default/apex")}
                """),
            ("wildcard A", $"""
                update add *.apps.example.com. 300 A 192.0.2.20
                update add _owner-a.*.apps.example.com. 300 TXT {Heritage("gateway/default/apps")}
                """),
            ("host A", $"""
                update add grafana.example.com. 300 A 192.0.2.30
                update add _owner-a.grafana.example.com. 300 TXT {Heritage("ingress/monitoring/grafana")}
                """),
            ("host CNAME", $"""
                update add dashboards.example.com. 300 CNAME grafana.example.com.
                update add _owner-cname.dashboards.example.com. 300 TXT {Heritage("ingress/monitoring/dashboards")}
                """),
        ];
        foreach ((string name, string script) in batches)
        {
            ToolResult r = await _server.NsupdateAsync(script);
            Assert.True(r.ExitCode == 0, $"{name}: {r}\n{_server.Log}");
            Assert.DoesNotContain("NOTZONE", r.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(["192.0.2.10"], await _server.ShortAsync("example.com.", "A"));
        Assert.Equal(["192.0.2.20"], await _server.ShortAsync("anything.apps.example.com.", "A"));
        Assert.Equal(["192.0.2.30"], await _server.ShortAsync("grafana.example.com.", "A"));
        Assert.Equal(["192.0.2.30", "grafana.example.com."], await _server.ShortAsync("dashboards.example.com.", "A"));
        Assert.Equal([Heritage("ingress/default/apex")], await _server.ShortAsync("_owner-a.example.com.", "TXT"));

        // RFC 4592 §2.1.1: "*" in a label other than the leftmost is an ordinary label, so the
        // wildcard's ownership record is an ordinary name below the wildcard's owner.
        Assert.Equal([Heritage("gateway/default/apps")], await _server.ShortAsync("_owner-a.*.apps.example.com.", "TXT"));
        Assert.Empty(await _server.ShortAsync("_owner-a.other.apps.example.com.", "TXT"));

        ToolResult axfr = await _server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
        string zone = Regex.Replace(axfr.StandardOutput, @"[ \t]+", " ");
        Assert.Contains($"_owner-a.example.com. 300 IN TXT {Heritage("ingress/default/apex")}", zone, StringComparison.Ordinal);
        Assert.Contains($"_owner-a.*.apps.example.com. 300 IN TXT {Heritage("gateway/default/apps")}", zone, StringComparison.Ordinal);
        Assert.Contains($"_owner-a.grafana.example.com. 300 IN TXT {Heritage("ingress/monitoring/grafana")}", zone, StringComparison.Ordinal);
        Assert.Contains($"_owner-cname.dashboards.example.com. 300 IN TXT {Heritage("ingress/monitoring/dashboards")}", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_OldPrefixOnApex_NotZone()
    {
        // Without %{record_type} the registry puts "a-" before the first label instead:
        // "_owner." + "a-example" + "." + "com" = _owner.a-example.com, a sibling of example.com,
        // not a name in it (RFC 2136 §3.4.1.3: NOTZONE). Why the apex needs the %{record_type} prefix.
        ToolResult r = await _server.NsupdateAsync($"""
            update add example.com. 300 A 192.0.2.10
            update add _owner.a-example.com. 300 TXT {Heritage("ingress/default/apex")}
            """);

        Assert.Contains("NOTZONE", r.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _server.ShortAsync("_owner.a-example.com.", "TXT"));
    }
}
