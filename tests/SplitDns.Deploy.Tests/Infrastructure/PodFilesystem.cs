using System.Text;
using System.Text.RegularExpressions;

namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>
/// The splitdns container's view of its volumes, laid out under a temporary folder: every
/// volumeMount becomes a folder holding what Kubernetes would put there (ConfigMap and Secret
/// keys as files, empty folders for emptyDir and PVC). Absolute mount paths in the container's
/// arguments, environment and mounted files are translated to those folders, so the real server
/// binary can run on exactly the files and settings the pod gets.
/// </summary>
public sealed class PodFilesystem : IDisposable
{
    private readonly List<(string MountPath, string Local)> _mounts = [];

    public PodFilesystem(Rendered rendered)
    {
        Root = Directory.CreateTempSubdirectory("splitdns-pod-").FullName;
        YamlNode pod = rendered.PodSpec;
        int n = 0;
        foreach (YamlNode mount in rendered.Container["volumeMounts"].Items)
        {
            string name = mount["name"].Text!;
            YamlNode volume = pod["volumes"].Items.Single(v => v["name"].Text == name);
            string local = Path.Combine(Root, $"{n++}-{name}");
            Directory.CreateDirectory(local);
            _mounts.Add((mount["mountPath"].Text!, local));
            if (volume["configMap"].Exists)
            {
                YamlNode map = rendered.Single("ConfigMap", volume.At("configMap.name").Text!);
                WriteKeys(local, map["data"].AsStringMap(), volume["configMap"]);
            }
            else if (volume["secret"].Exists)
            {
                YamlNode secret = rendered.Single("Secret", volume.At("secret.secretName").Text!);
                WriteKeys(local, SecretValues(secret), volume["secret"]);
            }
        }

        // Longest mount path first, so /var/lib/splitdns/x never matches a shorter prefix wrongly.
        _mounts.Sort((a, b) => b.MountPath.Length.CompareTo(a.MountPath.Length));
        foreach ((string _, string local) in _mounts)
        {
            foreach (string file in Directory.GetFiles(local))
            {
                File.WriteAllText(file, Translate(File.ReadAllText(file)));
            }
        }

        Arguments = rendered.Container["args"].Items.Select(a => Translate(a.Text!)).ToList();
        Environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (YamlNode env in rendered.Container["env"].Items)
        {
            // An optional secretKeyRef whose key the Secret lacks sets nothing, as in Kubernetes.
            if (EnvValue(rendered, env) is { } value)
            {
                Environment[env["name"].Text!] = value;
            }
        }
    }

    public string Root { get; }

    /// <summary>The container's args, paths translated.</summary>
    public List<string> Arguments { get; }

    /// <summary>The container's environment, secretKeyRef and fieldRef resolved, paths translated.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>The local folder that stands for a mount path of the container.</summary>
    public string Local(string mountPath) => _mounts.Single(m => m.MountPath == mountPath).Local;

    /// <summary>
    /// Replaces every mount path that starts a path in <paramref name="text"/> with its local
    /// folder, in one pass (the local folders live under /tmp, itself a mount path).
    /// </summary>
    public string Translate(string text)
    {
        string alternatives = string.Join('|', _mounts.Select(m => Regex.Escape(m.MountPath)));
        return Regex.Replace(text, $@"(?<![\w/.-])({alternatives})(?=/|$|[""\s,;])",
            m => _mounts.First(x => x.MountPath == m.Value).Local, RegexOptions.Multiline);
    }

    public static Dictionary<string, string> SecretValues(YamlNode secret)
    {
        var values = secret["stringData"].AsStringMap();
        foreach (KeyValuePair<string, string> kv in secret["data"].AsStringMap())
        {
            values[kv.Key] = Encoding.UTF8.GetString(Convert.FromBase64String(kv.Value));
        }

        return values;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void WriteKeys(string dir, Dictionary<string, string> data, YamlNode source)
    {
        if (source["items"].Exists)
        {
            foreach (YamlNode item in source["items"].Items)
            {
                string target = Path.Combine(dir, item["path"].Text!);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, data[item["key"].Text!]);
            }

            return;
        }

        foreach (KeyValuePair<string, string> kv in data)
        {
            File.WriteAllText(Path.Combine(dir, kv.Key), kv.Value);
        }
    }

    private string? EnvValue(Rendered rendered, YamlNode env)
    {
        if (env["value"].Exists)
        {
            return Translate(env["value"].Text!);
        }

        YamlNode secretRef = env.At("valueFrom.secretKeyRef");
        if (secretRef.Exists)
        {
            Dictionary<string, string> values = SecretValues(rendered.Single("Secret", secretRef["name"].Text!));
            return values.TryGetValue(secretRef["key"].Text!, out string? value) ? value
                : secretRef["optional"].Text == "true" ? null
                : throw new KeyNotFoundException($"env {env["name"].Text}: Secret has no key {secretRef["key"].Text}");
        }

        YamlNode fieldRef = env.At("valueFrom.fieldRef");
        if (fieldRef["fieldPath"].Text == "metadata.name")
        {
            return "splitdns-7d4b9c-test0";
        }

        throw new InvalidOperationException($"env {env["name"].Text}: no value this test knows how to give");
    }
}
