using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.ExternalDns;

/// <summary>deploy/external-dns/values.yaml: the flags SplitDns needs from external-dns.</summary>
public sealed class ExternalDnsValuesTests
{
    private static readonly YamlNode s_values = YamlNode.ParseFile(Repo.ExternalDnsValues);

    private static List<string> Args => s_values["extraArgs"].Items.Select(a => a.Text!).ToList();

    private static string Arg(string flag) => Args.Single(a => a.StartsWith($"--{flag}=", StringComparison.Ordinal))[(flag.Length + 3)..];

    [Fact]
    public void Provider_Rfc2136_AtTheDnsGatewayPort53()
    {
        Assert.Equal("rfc2136", s_values.At("provider.name").Text);
        Assert.Contains(Arg("rfc2136-host"), new[] { "192.168.1.71", "dns-gateway.dns.svc.cluster.local" });
        Assert.Equal("53", Arg("rfc2136-port"));
        Assert.Equal("example.com", Arg("rfc2136-zone"));
    }

    [Fact]
    public void Tsig_KeyOfTheSplitDnsConfig_HmacSha256_SecretFromASecretThroughTheEnvironment()
    {
        YamlNode env = s_values["env"].Items.Single(e => e["name"].Text == "EXTERNAL_DNS_RFC2136_TSIG_SECRET");
        string config = Repo.Read("deploy", "kubernetes", "base", "configmap.yaml");

        Assert.Equal("externaldns", Arg("rfc2136-tsig-keyname"));
        Assert.Contains("\"Name\": \"externaldns\", \"Algorithm\": \"hmac-sha256\"", config, StringComparison.Ordinal);
        Assert.Equal("hmac-sha256", Arg("rfc2136-tsig-secret-alg"));
        Assert.Equal("$(EXTERNAL_DNS_RFC2136_TSIG_SECRET)", Arg("rfc2136-tsig-secret"));
        Assert.True(env.At("valueFrom.secretKeyRef.name").Exists);
        Assert.True(env.At("valueFrom.secretKeyRef.key").Exists);
    }

    [Fact]
    public void Axfr_On_SoSyncCanUpdateAndDelete()
    {
        Assert.Contains("--rfc2136-axfr", Args);
        Assert.Equal("sync", s_values["policy"].Text);
    }

    [Fact]
    public void TxtRegistry_PrefixHasTheRecordTypeTemplateAndEndsInADot_OwnerIdAndDomainFilterSet()
    {
        string prefix = s_values["txtPrefix"].Text!;

        Assert.Equal("txt", s_values["registry"].Text);
        Assert.Contains("%{record_type}", prefix, StringComparison.Ordinal);
        Assert.EndsWith(".", prefix, StringComparison.Ordinal);
        // The apex A record's ownership TXT, as external-dns names it, lies inside the zone.
        Assert.EndsWith(".example.com", prefix.Replace("%{record_type}", "a", StringComparison.Ordinal) + "example.com", StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(s_values["txtOwnerId"].Text));
        Assert.Equal(["example.com"], s_values["domainFilters"].Items.Select(d => d.Text));
    }

    [Fact]
    public void Sources_GatewayHttpRouteAndCrd()
    {
        Assert.Equal(["gateway-httproute", "crd"], s_values["sources"].Items.Select(s => s.Text));
    }

    [Fact]
    public void NoMinTtl_ThatWouldChurnRecords()
    {
        Assert.DoesNotContain(Args, a => a.StartsWith("--rfc2136-min-ttl", StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_RecommendThePrefixWithTheTemplate_NowhereThePlainOwnerPrefix()
    {
        foreach (string doc in new[] { "README.md", "docs/operations.md", "docs/kubernetes.md" })
        {
            string text = Repo.Read(doc.Split('/'));
            Assert.Contains("--txt-prefix=_owner-%{record_type}.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("--txt-prefix=_owner. ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("(e.g. `_owner.`)", text, StringComparison.Ordinal);
        }
    }
}
