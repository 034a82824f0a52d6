using System.Text.RegularExpressions;
using SplitDns.Deploy.Tests.Infrastructure;

namespace SplitDns.Deploy.Tests;

/// <summary>The deployment docs point at files and headings that exist.</summary>
public sealed partial class DocsLinkTests
{
    [Theory]
    [InlineData("docs/kubernetes.md")]
    [InlineData("deploy/helm/splitdns/README.md")]
    public void RelativeLinks_FilesAndAnchorsExist(string doc)
    {
        string dir = Path.GetDirectoryName(Path.Combine(Repo.Root, doc))!;
        var broken = new List<string>();
        foreach (Match m in Link().Matches(File.ReadAllText(Path.Combine(Repo.Root, doc))))
        {
            string target = m.Groups[1].Value;
            string anchor = m.Groups[2].Success ? m.Groups[2].Value : "";
            string file = target.Length == 0 ? Path.Combine(Repo.Root, doc) : Path.GetFullPath(Path.Combine(dir, target));
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                broken.Add(m.Value);
            }
            else if (anchor.Length > 0 && !Anchors(File.ReadAllText(file)).Contains(anchor))
            {
                broken.Add(m.Value);
            }
        }

        Assert.Empty(broken);
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        Heading().Matches(markdown).Select(h => Regex.Replace(h.Groups[1].Value.Trim().ToLowerInvariant(), @"[^\w\- ]", "").Replace(' ', '-')).ToHashSet();

    [GeneratedRegex(@"\]\((?!https?:)([^)#\s]*)(?:#([^)\s]+))?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
