using System.Diagnostics;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

/// <summary>Fixture paths, record keys for set comparison, and the named-checkzone oracle.</summary>
internal static class ZoneFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "ZoneFile", "Fixtures");

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static ZoneParseResult Parse(string file, string origin) =>
        ZoneFileParser.Parse(PathOf(file), DnsName.Parse(origin + "."));

    /// <summary>
    /// A record as a comparable line: lowercased owner, TTL, class, type and the canonical wire
    /// RDATA (RFC 4034 §6.2: names in RDATA lowercased, TXT byte-exact), then the presentation
    /// so a failing diff is readable.
    /// </summary>
    public static string Key(ResourceRecord r) =>
        $"{r.Name.ToLowerInvariant()} {r.Ttl} {RecordTypeNames.ClassToText(r.Class)} {RecordTypeNames.ToText(r.Type)} "
        + $"{Convert.ToHexString(r.Data.ToCanonicalWire())} ; {r.Data}";

    public static List<string> KeySet(IEnumerable<ResourceRecord> records) =>
        records.Select(Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Runs <c>named-checkzone -i none -D -o - origin file</c> in the fixture folder (so BIND's
    /// cwd-relative $INCLUDE matches our file-relative one for files side by side).
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) NamedCheckzone(string origin, string file)
    {
        var start = new ProcessStartInfo("/usr/bin/named-checkzone")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-i", "none", "-D", "-o", "-", origin, file })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("named-checkzone did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"named-checkzone {file} did not finish in 30 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
