using System.Diagnostics;

namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>
/// Renders an overlay with the real kustomize (built into kubectl: `kubectl kustomize DIR`, no
/// cluster, no network) and keeps the objects, so tests see exactly what Flux would apply.
/// </summary>
public sealed class Rendered
{
    private Rendered(string overlay, List<YamlNode> objects)
    {
        Overlay = overlay;
        Objects = objects;
    }

    public string Overlay { get; }

    public List<YamlNode> Objects { get; }

    public YamlNode Deployment => Single("Deployment", "splitdns");

    public YamlNode PodSpec => Deployment.At("spec.template.spec");

    public YamlNode Container => PodSpec["containers"].Items.Single(c => c["name"].Text == "splitdns");

    public Dictionary<string, string> PodLabels => Deployment.At("spec.template.metadata.labels").AsStringMap();

    public YamlNode Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o["kind"].Text == kind && o.At("metadata.name").Text == name)
        ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no {kind}/{name} in the rendered output");

    public IEnumerable<YamlNode> OfKind(string kind) => Objects.Where(o => o["kind"].Text == kind);

    public static Rendered Render(string overlay)
    {
        string dir = Path.Combine(Repo.Kubernetes, overlay);
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("kustomize");
        psi.ArgumentList.Add(dir);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("kubectl is needed to render the kustomize overlays (kubectl kustomize) and is not on PATH", ex);
        }

        using (p)
        {
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize {dir} failed: {stderr}");
            }

            return new Rendered(overlay, YamlNode.ParseAll(stdout.Result, overlay));
        }
    }
}
