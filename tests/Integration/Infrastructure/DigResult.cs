using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>The parts of dig's or kdig's text output the tests assert on.</summary>
public sealed partial class DigResult
{
    public required string Output { get; init; }

    public string Status { get; private init; } = "";

    public string[] Flags { get; private init; } = [];

    public bool HasOpt { get; private init; }

    public string[] Ede { get; private init; } = [];

    public List<string> Answer { get; } = [];

    public List<string> Authority { get; } = [];

    public List<string> Additional { get; } = [];

    public bool Has(string flag) => Flags.Contains(flag);

    public static DigResult Parse(string output)
    {
        Match status = StatusRegex().Match(output);
        Match flags = FlagsRegex().Match(output);
        var result = new DigResult
        {
            Output = output,
            Status = status.Success ? status.Groups[1].Value : "",
            Flags = flags.Success ? flags.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
            HasOpt = output.Contains("OPT PSEUDOSECTION", StringComparison.Ordinal) || output.Contains("EDNS PSEUDOSECTION", StringComparison.Ordinal),
            Ede = EdeRegex().Matches(output).Select(m => m.Groups[1].Value).ToArray(),
        };
        List<string>? section = null;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith(";; ANSWER SECTION", StringComparison.Ordinal)) { section = result.Answer; continue; }
            if (line.StartsWith(";; AUTHORITY SECTION", StringComparison.Ordinal)) { section = result.Authority; continue; }
            if (line.StartsWith(";; ADDITIONAL SECTION", StringComparison.Ordinal)) { section = result.Additional; continue; }
            if (line.Length == 0 || line.StartsWith(';'))
            {
                if (line.StartsWith(";;", StringComparison.Ordinal))
                {
                    section = null;
                }

                continue;
            }

            section?.Add(WhitespaceRegex().Replace(line, " "));
        }

        return result;
    }

    [GeneratedRegex(@"status: ([A-Z]+)")]
    private static partial Regex StatusRegex();

    [GeneratedRegex(@"[Ff]lags: ([a-z ]*)[;\n]")]
    private static partial Regex FlagsRegex();

    [GeneratedRegex(@"EDE: (\d+)")]
    private static partial Regex EdeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
