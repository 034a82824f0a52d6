using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>The Deployment of each overlay, rendered by kustomize.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void PodTemplate_HasNameAndDnsServerComponentLabels(string overlay)
    {
        Dictionary<string, string> labels = Overlays.Get(overlay).PodLabels;

        Assert.Equal("splitdns", labels["app.kubernetes.io/name"]);
        Assert.Equal("dns-server", labels["app.kubernetes.io/component"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Selector_MatchesPodTemplate_WithoutTheComponentLabel(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        Dictionary<string, string> selector = r.Deployment.At("spec.selector.matchLabels").AsStringMap();

        Assert.True(Overlays.Selects(selector, r.PodLabels));
        // The migration moves the component label; a selector holding it could not follow (immutable).
        Assert.DoesNotContain("app.kubernetes.io/component", selector.Keys);
    }

    [Fact]
    public void Postgres_ThreeReplicas_RequiredAntiAffinityPerNode_RollsOneAtATime()
    {
        Rendered r = Overlays.Get("postgres");
        YamlNode anti = r.PodSpec.At("affinity.podAntiAffinity");
        YamlNode term = anti["requiredDuringSchedulingIgnoredDuringExecution"].Items.Single();

        Assert.Equal("3", r.Deployment.At("spec.replicas").Text);
        Assert.False(anti["preferredDuringSchedulingIgnoredDuringExecution"].Exists);
        Assert.Equal("kubernetes.io/hostname", term["topologyKey"].Text);
        Assert.True(Overlays.Selects(term.At("labelSelector.matchLabels").AsStringMap(), r.PodLabels));
        Assert.Equal("0", r.Deployment.At("spec.strategy.rollingUpdate.maxSurge").Text);
        Assert.Equal("1", r.Deployment.At("spec.strategy.rollingUpdate.maxUnavailable").Text);
    }

    [Fact]
    public void Sqlite_OneReplica_Recreate_DataOnTheClaim()
    {
        Rendered r = Overlays.Get("sqlite");
        YamlNode data = r.PodSpec["volumes"].Items.Single(v => v["name"].Text == "data");

        Assert.Equal("1", r.Deployment.At("spec.replicas").Text);
        Assert.Equal("Recreate", r.Deployment.At("spec.strategy.type").Text);
        Assert.False(data["emptyDir"].Exists);
        string claim = data.At("persistentVolumeClaim.claimName").Text!;
        Assert.Equal("ReadWriteOnce", r.Single("PersistentVolumeClaim", claim).At("spec.accessModes").Items.Single().Text);
        YamlNode term = r.PodSpec.At("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution").Items.Single();
        Assert.Equal("kubernetes.io/hostname", term.At("podAffinityTerm.topologyKey").Text);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void SecurityContext_NonRootImageUser_ReadOnlyRoot_NoEscalation_OnlyNetBindService_RuntimeDefault(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode pod = r.PodSpec["securityContext"];
        YamlNode c = r.Container["securityContext"];

        // The image's own user (the Dockerfile's USER), which owns its data directory.
        string imageUser = Repo.Read("Dockerfile").Split('\n').Last(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        Assert.Equal("1654", imageUser);
        Assert.Equal("true", pod["runAsNonRoot"].Text);
        Assert.Equal(imageUser, pod["runAsUser"].Text);
        Assert.Equal("RuntimeDefault", pod.At("seccompProfile.type").Text);
        Assert.Equal("true", c["runAsNonRoot"].Text);
        Assert.Equal(imageUser, c["runAsUser"].Text);
        Assert.Equal("true", c["readOnlyRootFilesystem"].Text);
        Assert.Equal("false", c["allowPrivilegeEscalation"].Text);
        Assert.Equal(["ALL"], c.At("capabilities.drop").Items.Select(i => i.Text));
        Assert.Equal(["NET_BIND_SERVICE"], c.At("capabilities.add").Items.Select(i => i.Text));
        Assert.Equal("RuntimeDefault", c.At("seccompProfile.type").Text);
        Assert.Equal("false", r.PodSpec["automountServiceAccountToken"].Text);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Probes_PathsTheServerMaps_OnTheHttpPortOfTheConfig(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        string ops = Repo.Read("src", "DnsServer", "Hosting", "OpsEndpoints.cs");
        int configured = Overlays.Port(Overlays.Config(r).GetProperty("SplitDns").GetProperty("Listen").GetProperty("Http").GetString()!);

        Assert.Equal(Overlays.DefaultHttpPort(), configured);
        foreach ((string probe, string path) in new[] { ("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            YamlNode get = r.Container.At($"{probe}.httpGet");
            Assert.Equal(path, get["path"].Text);
            Assert.Contains($"MapGet(\"{path}\"", ops, StringComparison.Ordinal);
            Assert.Equal(configured.ToString(System.Globalization.CultureInfo.InvariantCulture), Overlays.ContainerPort(r, get["port"].Text!)["containerPort"].Text);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Ports_Dns53UdpAndTcp_MatchTheConfig(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        int dns = Overlays.Port(Overlays.Config(r).GetProperty("SplitDns").GetProperty("Listen").GetProperty("Dns").GetString()!);

        Assert.Equal(53, dns);
        Assert.Equal("53", Overlays.ContainerPort(r, "dns-udp", "UDP")["containerPort"].Text);
        Assert.Equal("53", Overlays.ContainerPort(r, "dns-tcp", "TCP")["containerPort"].Text);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Volumes_WritablePathsAreVolumes_ConfigReadOnly(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        var mounts = r.Container["volumeMounts"].Items.ToDictionary(m => m["mountPath"].Text!, m => m);

        Assert.Equal("true", mounts["/etc/splitdns"]["readOnly"].Text);
        Assert.Contains("/tmp", mounts.Keys);
        Assert.Contains("/var/lib/splitdns", mounts.Keys);
        Assert.Equal(["--config", "/etc/splitdns/splitdns.json"], r.Container["args"].Items.Select(a => a.Text));
    }

    [Theory]
    [InlineData("postgres", "Postgres")]
    [InlineData("sqlite", null)]
    public void Store_ProviderFromTheEnvironment(string overlay, string? provider)
    {
        Rendered r = Overlays.Get(overlay);
        var env = r.Container["env"].Items.ToDictionary(e => e["name"].Text!, e => e["value"].Text);

        Assert.Equal(provider, env.GetValueOrDefault("SPLITDNS_SplitDns__Store__Provider"));
        if (provider is not null)
        {
            string file = env["SPLITDNS_SplitDns__Store__ConnectionStringFile"]!;
            YamlNode mount = r.Container["volumeMounts"].Items.Single(m => file.StartsWith(m["mountPath"].Text! + "/", StringComparison.Ordinal));
            YamlNode volume = r.PodSpec["volumes"].Items.Single(v => v["name"].Text == mount["name"].Text);
            Assert.Equal("splitdns", volume.At("secret.secretName").Text);
        }
    }
}
