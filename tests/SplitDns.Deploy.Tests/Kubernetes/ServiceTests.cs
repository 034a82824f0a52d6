using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>Services, PDB, ServiceMonitor, NetworkPolicy and HTTPRoute against the pods they are for.</summary>
public sealed class ServiceTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void DnsGateway_LoadBalancerOn192_168_1_71_Local_SelectsOnlyTheComponentLabel(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode svc = r.Single("Service", "dns-gateway");

        Assert.Equal("LoadBalancer", svc.At("spec.type").Text);
        Assert.Equal("192.168.1.71", svc.At("metadata.annotations")["lbipam.cilium.io/ips"].Text);
        Assert.Equal("Local", svc.At("spec.externalTrafficPolicy").Text);
        var selector = svc.At("spec.selector").AsStringMap();
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/component"] = "dns-server" }, selector);
        Assert.True(Overlays.Selects(selector, r.PodLabels));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void DnsGateway_Port53UdpAndTcp_TargetingTheContainersDnsPorts(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        var ports = r.Single("Service", "dns-gateway").At("spec.ports").Items.ToList();

        Assert.Equal(["TCP", "UDP"], ports.Select(p => p["protocol"].Text!).Order(StringComparer.Ordinal));
        foreach (YamlNode p in ports)
        {
            Assert.Equal("53", p["port"].Text);
            Assert.Equal("53", Overlays.ContainerPort(r, p["targetPort"].Text!, p["protocol"].Text!)["containerPort"].Text);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void HttpService_ClusterIp5380_SelectsThePods(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode svc = r.Single("Service", "splitdns-http");
        YamlNode port = svc.At("spec.ports").Items.Single();

        Assert.Equal("ClusterIP", svc.At("spec.type").Text);
        Assert.True(Overlays.Selects(svc.At("spec.selector").AsStringMap(), r.PodLabels));
        Assert.Equal(Overlays.DefaultHttpPort().ToString(System.Globalization.CultureInfo.InvariantCulture), Overlays.ContainerPort(r, port["targetPort"].Text!)["containerPort"].Text);
    }

    [Theory]
    [InlineData("postgres", "minAvailable", "2")]
    [InlineData("sqlite", "maxUnavailable", "1")]
    public void PodDisruptionBudget_SelectsThePods_WithTheOverlaysBudget(string overlay, string field, string value)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode pdb = r.OfKind("PodDisruptionBudget").Single();

        Assert.True(Overlays.Selects(pdb.At("spec.selector.matchLabels").AsStringMap(), r.PodLabels));
        Assert.Equal(value, pdb.At($"spec.{field}").Text);
        Assert.False(pdb.At(field == "minAvailable" ? "spec.maxUnavailable" : "spec.minAvailable").Exists, "a PDB takes one of minAvailable and maxUnavailable");
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void ServiceMonitor_SelectsTheHttpService_AndScrapesAPortItHas(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode sm = r.OfKind("ServiceMonitor").Single();
        var selector = sm.At("spec.selector.matchLabels").AsStringMap();
        var services = r.OfKind("Service").Where(s => Overlays.Selects(selector, s.At("metadata.labels").AsStringMap())).ToList();

        Assert.Equal("monitoring.coreos.com/v1", sm["apiVersion"].Text);
        Assert.Equal("splitdns-http", Assert.Single(services).At("metadata.name").Text);
        YamlNode endpoint = sm.At("spec.endpoints").Items.Single();
        Assert.Equal("/metrics", endpoint["path"].Text);
        Assert.Contains(endpoint["port"].Text, services[0].At("spec.ports").Items.Select(p => p["name"].Text));
        Assert.Contains("app.MapGet(\"/metrics\"", Repo.Read("src", "DnsServer", "Hosting", "OpsEndpoints.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void NetworkPolicy_AppliesToThePods_Allows53AndOps5380_EgressToUpstreamsAndPostgres(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode np = r.OfKind("NetworkPolicy").Single();
        static IEnumerable<string> Ports(YamlNode rules) =>
            rules.Items.SelectMany(rule => rule["ports"].Items).Select(p => $"{p["port"].Text}/{p["protocol"].Text}");

        Assert.True(Overlays.Selects(np.At("spec.podSelector.matchLabels").AsStringMap(), r.PodLabels));
        Assert.Equal(["Ingress", "Egress"], np.At("spec.policyTypes").Items.Select(i => i.Text));
        Assert.Superset(new HashSet<string> { "53/UDP", "53/TCP", "5380/TCP" }, Ports(np.At("spec.ingress")).ToHashSet());
        Assert.Superset(new HashSet<string> { "53/UDP", "53/TCP", "853/TCP", "443/TCP", "5432/TCP" }, Ports(np.At("spec.egress")).ToHashSet());
        // DNS comes from anywhere: the LAN through the VIP and pods.
        YamlNode dnsRule = np.At("spec.ingress").Items.Single(rule => rule["ports"].Items.Any(p => p["port"].Text == "53"));
        Assert.Contains("0.0.0.0/0", dnsRule["from"].Items.Select(f => f.At("ipBlock.cidr").Text));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void HttpRoute_OnTheInternalGateway_ToTheHttpService(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode route = r.OfKind("HTTPRoute").Single();
        YamlNode parent = route.At("spec.parentRefs").Items.Single();
        YamlNode backend = route.At("spec.rules").Items.Single()["backendRefs"].Items.Single();

        Assert.Equal("gateway.networking.k8s.io/v1", route["apiVersion"].Text);
        Assert.Equal("internal", parent["name"].Text);
        Assert.NotNull(parent["namespace"].Text);
        Assert.NotEmpty(route.At("spec.hostnames").Items);
        YamlNode svc = r.Single("Service", backend["name"].Text!);
        Assert.Contains(backend["port"].Text, svc.At("spec.ports").Items.Select(p => p["port"].Text));
    }
}
