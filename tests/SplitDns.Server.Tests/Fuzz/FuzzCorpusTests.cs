using SplitDns.Fuzz.Targets;

namespace SplitDns.Server.Tests.Fuzz;

/// <summary>
/// Replays fuzz/corpus/&lt;target&gt;/ and fuzz/crashes/&lt;target&gt;/ (every input the fuzzer
/// once crashed or hung on) through the same entry points bench/fuzz/run.sh fuzzes. A target
/// swallows only its documented format exception (<c>DnsFormatException</c> for messages; the
/// zone-file and blocklist parsers report errors as values), so any exception is a regression.
/// Each input must also finish within a generous bound, so a hang the fuzzer found stays fixed.
/// </summary>
public sealed class FuzzCorpusTests
{
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in new[] { "corpus", "crashes" })
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", kind);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (string targetDir in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                foreach (string file in Directory.GetFiles(targetDir).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(targetDir), Path.GetRelativePath(AppContext.BaseDirectory, file));
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_target_has_a_seed_corpus()
    {
        foreach ((string name, _) in FuzzTargets.All)
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus", name);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir).Length > 0, $"no seeds for fuzz target {name}");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Input_is_handled_without_exception_or_hang(string target, string file)
    {
        FuzzEntry entry = FuzzTargets.Find(target) ?? throw new InvalidOperationException($"{file}: no fuzz target '{target}'");
        byte[] data = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file));
        Task run = Task.Factory.StartNew(() => entry(data), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Task first = await Task.WhenAny(run, Task.Delay(HangBound));
        Assert.True(first == run, $"{file}: {target} did not finish within {HangBound.TotalSeconds} s (hang)");
        await run;
    }
}
