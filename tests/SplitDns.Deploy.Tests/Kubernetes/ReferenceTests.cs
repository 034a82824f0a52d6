using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>Everything the workload refers to exists in the same overlay, with the keys it uses.</summary>
public sealed class ReferenceTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Volumes_EveryConfigMapSecretAndClaim_ExistsWithTheKeysNamed(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        var mounted = r.Container["volumeMounts"].Items.Select(m => m["name"].Text).ToHashSet();

        foreach (YamlNode v in r.PodSpec["volumes"].Items)
        {
            Assert.Contains(v["name"].Text, mounted);
            if (v["configMap"].Exists)
            {
                var data = r.Single("ConfigMap", v.At("configMap.name").Text!)["data"].AsStringMap();
                Assert.All(v.At("configMap.items").Items, i => Assert.Contains(i["key"].Text!, data.Keys));
            }
            else if (v["secret"].Exists)
            {
                var data = PodFilesystem.SecretValues(r.Single("Secret", v.At("secret.secretName").Text!));
                Assert.All(v.At("secret.items").Items, i => Assert.Contains(i["key"].Text!, data.Keys));
            }
            else if (v["persistentVolumeClaim"].Exists)
            {
                r.Single("PersistentVolumeClaim", v.At("persistentVolumeClaim.claimName").Text!);
            }
            else
            {
                Assert.True(v["emptyDir"].Exists, $"{v.Path}: unexpected volume type");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Environment_EverySecretKeyRef_ExistsInTheSecret(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        var refs = r.Container["env"].Items.Select(e => e.At("valueFrom.secretKeyRef")).Where(s => s.Exists).ToList();

        Assert.NotEmpty(refs);
        foreach (YamlNode s in refs.Where(s => s["optional"].Text != "true"))
        {
            Assert.Contains(s["key"].Text!, PodFilesystem.SecretValues(r.Single("Secret", s["name"].Text!)).Keys);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Environment_TheApiAdminToken_IsAnOptionalSecretKeyLeftOutOfTheExample_AndDocumentedThere(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        YamlNode env = r.Container["env"].Items.Single(e => e["name"].Text == "SPLITDNS_SplitDns__Api__AdminToken");
        YamlNode secretRef = env.At("valueFrom.secretKeyRef");

        Assert.Equal("api-admin-token", secretRef["key"].Text);
        Assert.Equal("true", secretRef["optional"].Text);
        Assert.DoesNotContain("api-admin-token", PodFilesystem.SecretValues(r.Single("Secret", secretRef["name"].Text!)).Keys);
        Assert.Contains("api-admin-token", Repo.Read("deploy", "kubernetes", "base", "secret.example.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void ConfigMap_EveryZoneFileAndLocalListTheConfigNames_IsAKeyOfTheConfigMap(string overlay)
    {
        Rendered r = Overlays.Get(overlay);
        var data = r.Single("ConfigMap", "splitdns-config")["data"].AsStringMap();
        System.Text.Json.JsonElement s = Overlays.Config(r).GetProperty("SplitDns");

        Assert.Equal(".", s.GetProperty("ZoneDirectory").GetString());
        foreach (System.Text.Json.JsonElement zone in s.GetProperty("Zones").EnumerateArray())
        {
            Assert.Contains(zone.GetProperty("File").GetString()!, data.Keys);
        }

        foreach (System.Text.Json.JsonProperty list in s.GetProperty("Blocking").GetProperty("Lists").EnumerateObject())
        {
            Assert.Contains(list.Value.GetProperty("Source").GetString()!, data.Keys);
        }
    }

    [Fact]
    public void Secret_IsMarkedAsAnExampleWithPlaceholders()
    {
        string text = File.ReadAllText(Path.Combine(Repo.Kubernetes, "base", "secret.example.yaml"));
        var values = PodFilesystem.SecretValues(YamlNode.ParseAll(text, "secret.example.yaml").Single());

        Assert.Contains("EXAMPLE ONLY", text, StringComparison.Ordinal);
        Assert.Contains("SOPS", text, StringComparison.Ordinal);
        Assert.Contains("PLACEHOLDER", values["connection-string"], StringComparison.Ordinal);
        Assert.StartsWith("PLACEHOLDER", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(values["tsig-externaldns"])), StringComparison.Ordinal);
    }
}
