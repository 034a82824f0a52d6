namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The repository's Dockerfile read into stages (one per FROM) of instructions: comments and
/// the parser directive dropped, backslash continuations joined. Enough of the Dockerfile
/// syntax to check the image's rules and replay the build stage's COPY and RUN lines.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> global, IReadOnlyList<IReadOnlyList<DockerInstruction>> stages)
    {
        Global = global;
        Stages = stages;
    }

    /// <summary>Instructions before the first FROM (global ARGs).</summary>
    public IReadOnlyList<DockerInstruction> Global { get; }

    /// <summary>Each stage, its FROM first.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages { get; }

    public IReadOnlyList<DockerInstruction> Final => Stages[^1];

    /// <summary>The directory that holds Dockerfile and SplitDns.sln, found above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dockerfile")) && File.Exists(Path.Combine(dir.FullName, "SplitDns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Dockerfile beside SplitDns.sln above " + AppContext.BaseDirectory);
    }

    public static Dockerfile Load() => Parse(File.ReadAllLines(Path.Combine(RepositoryRoot(), "Dockerfile")));

    public static Dockerfile Parse(string[] lines)
    {
        var global = new List<DockerInstruction>();
        var stages = new List<List<DockerInstruction>>();
        var text = new System.Text.StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (text.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (text.Length == 0)
            {
                start = i + 1;
            }

            if (line.StartsWith('#'))
            {
                continue; // A comment inside a continued instruction.
            }

            if (line.EndsWith('\\'))
            {
                text.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            text.Append(line);
            string whole = text.ToString().Trim();
            text.Clear();
            int space = whole.IndexOfAny([' ', '\t']);
            var instruction = new DockerInstruction(
                (space < 0 ? whole : whole[..space]).ToUpperInvariant(), space < 0 ? "" : whole[(space + 1)..].Trim(), start);
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            (stages.Count == 0 ? global : stages[^1]).Add(instruction);
        }

        return new Dockerfile(global, stages);
    }

    public static IEnumerable<DockerInstruction> Named(IEnumerable<DockerInstruction> stage, string keyword) =>
        stage.Where(i => i.Keyword == keyword);

    /// <summary>The build stage's RUN lines that run the .NET CLI (restore, publish), in order.</summary>
    public IReadOnlyList<string> DotnetCommands(int stage) =>
        Named(Stages[stage], "RUN").Select(i => i.Arguments).Where(a => a.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();

    /// <summary>The default of a global <c>ARG NAME=default</c>.</summary>
    public string GlobalArgument(string name) =>
        Assert.Single(Named(Global, "ARG"), a => a.Arguments.StartsWith(name + "=", StringComparison.Ordinal)).Arguments[(name.Length + 1)..];

    /// <summary>ENV of a stage as name/value pairs (the NAME=value form, several per line).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment(int stage)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (DockerInstruction env in Named(Stages[stage], "ENV"))
        {
            foreach (string word in env.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = word.IndexOf('=', StringComparison.Ordinal);
                Assert.True(eq > 0, $"only ENV NAME=value is read here: {env}");
                pairs.Add(new(word[..eq], word[(eq + 1)..].Trim('"')));
            }
        }

        return pairs;
    }
}
