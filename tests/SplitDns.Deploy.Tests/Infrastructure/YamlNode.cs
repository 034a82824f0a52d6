using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>
/// A read-only view of a parsed YAML value (mapping, sequence or scalar). A missing key gives a
/// node that does not exist, so paths can be followed without null checks.
/// </summary>
public sealed class YamlNode
{
    private static readonly IDeserializer s_deserializer = new DeserializerBuilder().Build();
    private readonly object? _value;

    public YamlNode(object? value, string path)
    {
        _value = value;
        Path = path;
    }

    public string Path { get; }

    public bool Exists => _value is not null;

    public bool IsMapping => _value is Dictionary<object, object>;

    public string? Text => _value as string;

    public YamlNode this[string key] => _value is Dictionary<object, object> map && map.TryGetValue(key, out object? v)
        ? new YamlNode(v, $"{Path}.{key}") : new YamlNode(null, $"{Path}.{key}");

    public IEnumerable<YamlNode> Items => _value is List<object> list
        ? list.Select((v, i) => new YamlNode(v, $"{Path}[{i}]")) : [];

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries => _value is Dictionary<object, object> map
        ? map.Select(kv => new KeyValuePair<string, YamlNode>((string)kv.Key, new YamlNode(kv.Value, $"{Path}.{kv.Key}"))) : [];

    /// <summary>A mapping of scalars (labels, selectors) as a dictionary.</summary>
    public Dictionary<string, string> AsStringMap() => Entries.ToDictionary(kv => kv.Key, kv => kv.Value.Text ?? "");

    public YamlNode At(string dottedPath)
    {
        YamlNode node = this;
        foreach (string part in dottedPath.Split('.'))
        {
            node = node[part];
        }

        return node;
    }

    public override string ToString() => $"{Path} = {Text ?? _value?.GetType().Name ?? "(missing)"}";

    /// <summary>Every document of a YAML stream (empty documents skipped).</summary>
    public static List<YamlNode> ParseAll(string yaml, string name)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var docs = new List<YamlNode>();
        int i = 0;
        while (parser.Accept<DocumentStart>(out _))
        {
            object? doc = s_deserializer.Deserialize(parser);
            if (doc is not null)
            {
                docs.Add(new YamlNode(doc, $"{name}#{i}"));
            }

            i++;
        }

        return docs;
    }

    public static YamlNode ParseFile(string path) => ParseAll(File.ReadAllText(path), System.IO.Path.GetFileName(path)).Single();
}
