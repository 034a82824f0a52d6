namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository the tests read (found by walking up to SplitDns.sln).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Kubernetes => Path.Combine(Root, "deploy", "kubernetes");

    public static string Chart => Path.Combine(Root, "deploy", "helm", "splitdns");

    public static string ExternalDnsValues => Path.Combine(Root, "deploy", "external-dns", "values.yaml");

    public static string ServerBinary => Path.Combine(AppContext.BaseDirectory, "splitdns.dll");

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SplitDns.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("SplitDns.sln not found above " + AppContext.BaseDirectory);
    }
}
