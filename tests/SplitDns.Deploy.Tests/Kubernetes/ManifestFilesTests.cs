using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests.Kubernetes;

/// <summary>The files under deploy/kubernetes as written, before kustomize.</summary>
public sealed class ManifestFilesTests
{
    public static TheoryData<string> YamlFiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(Repo.Kubernetes, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repo.Kubernetes, f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void YamlFile_EveryDocument_ParsesWithKindAndName(string file)
    {
        List<YamlNode> docs = YamlNode.ParseAll(File.ReadAllText(Path.Combine(Repo.Kubernetes, file)), file);

        Assert.NotEmpty(docs);
        foreach (YamlNode doc in docs)
        {
            Assert.NotNull(doc["apiVersion"].Text);
            Assert.NotNull(doc["kind"].Text);
            if (doc["kind"].Text != "Kustomization")
            {
                Assert.NotNull(doc.At("metadata.name").Text);
            }
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public void Kustomization_ResourcesAndPatches_ExistOnDisk(string dir)
    {
        string folder = Path.Combine(Repo.Kubernetes, dir);
        YamlNode k = YamlNode.ParseFile(Path.Combine(folder, "kustomization.yaml"));
        // bases and patchesStrategicMerge: the forms kubectl 1.20 (Debian's) renders as well.
        var paths = k["bases"].Items.Concat(k["resources"].Items).Concat(k["patchesStrategicMerge"].Items).Select(r => r.Text!).ToList();

        Assert.NotEmpty(paths);
        foreach (string p in paths)
        {
            string full = Path.GetFullPath(Path.Combine(folder, p));
            Assert.True(File.Exists(full) || File.Exists(Path.Combine(full, "kustomization.yaml")), $"{dir}/kustomization.yaml lists {p}, which does not exist");
        }

        // Every YAML file in the folder is used: a manifest nobody lists is never applied.
        foreach (string f in Directory.GetFiles(folder, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml"))
        {
            Assert.Contains(f, paths);
        }
    }

    [Fact]
    public void Base_IsNamespaceAgnostic()
    {
        YamlNode k = YamlNode.ParseFile(Path.Combine(Repo.Kubernetes, "base", "kustomization.yaml"));
        Assert.False(k["namespace"].Exists);
        foreach (string f in Directory.GetFiles(Path.Combine(Repo.Kubernetes, "base"), "*.yaml"))
        {
            foreach (YamlNode doc in YamlNode.ParseAll(File.ReadAllText(f), Path.GetFileName(f)))
            {
                Assert.False(doc.At("metadata.namespace").Exists, $"{doc.Path} sets metadata.namespace");
            }
        }
    }

    [Fact]
    public void Base_NoCommonLabels_SoTheDeploymentSelectorStaysWithoutComponent()
    {
        YamlNode k = YamlNode.ParseFile(Path.Combine(Repo.Kubernetes, "base", "kustomization.yaml"));
        Assert.False(k["commonLabels"].Exists);
        Assert.False(k["labels"].Exists);
    }
}
