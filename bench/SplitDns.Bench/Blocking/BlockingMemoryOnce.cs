using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Blocking;

namespace SplitDns.Bench.Blocking;

/// <summary>
/// Managed memory of a loaded index, outside BenchmarkDotNet:
/// <c>dotnet SplitDns.Bench.dll blocking-memory [names]</c>. Loads a generated domains list through
/// the catalog (as the server does), then changes one line and refreshes it (a rebuild while the
/// old index serves). Reports retained managed bytes (GC.GetTotalMemory(true) before/after), the
/// index's own arrays, build/rebuild time, and the peak managed heap during each (sampled every ms).
/// </summary>
public static class BlockingMemoryOnce
{
    public static int Run(string[] args)
    {
        int names = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        string dir = Directory.CreateTempSubdirectory("splitdns-blocking-mem-").FullName;
        string path = Path.Combine(dir, "generated.txt");
        try
        {
            GeneratedLists.WriteDomains(path, names);
            using var http = new HttpClient();
            using var catalog = new BlocklistCatalog(new BlockingOptions
            {
                CacheDirectory = Path.Combine(dir, "cache"),
                Lists = [new BlocklistOptions { Name = "generated", Source = path, Format = BlocklistFormat.Domains }],
            }, http, NullLogger.Instance, TimeProvider.System);

            long before = GC.GetTotalMemory(forceFullCollection: true);
            (TimeSpan buildTime, long buildPeak) = Measure(() => catalog.LoadLocalAsync(CancellationToken.None).GetAwaiter().GetResult());
            long loaded = GC.GetTotalMemory(forceFullCollection: true);
            BlockingIndex first = catalog.Index;
            Console.WriteLine($"names {first.Count:N0}, file {new FileInfo(path).Length / 1048576.0:F1} MiB");
            Console.WriteLine($"build (parse + index): {buildTime.TotalMilliseconds:F0} ms, peak managed heap {Mb(buildPeak - before)} above the start");
            Console.WriteLine($"retained after build: {Mb(loaded - before)} (index arrays {Mb(first.MemoryBytes)}, {first.MemoryBytes / (double)first.Count:F1} B/name)");
            first = null!;

            File.AppendAllText(path, "one-more.example\n");
            (TimeSpan rebuildTime, long rebuildPeak) = Measure(() => catalog.RefreshAsync("generated", CancellationToken.None).GetAwaiter().GetResult());
            long rebuilt = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"rebuild (re-read + merge + swap): {rebuildTime.TotalMilliseconds:F0} ms, peak managed heap {Mb(rebuildPeak - before)} above the start");
            Console.WriteLine($"retained after rebuild: {Mb(rebuilt - before)}; process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}");
            return catalog.Index.Count == names + 1 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (TimeSpan Elapsed, long Peak) Measure(Action action)
    {
        long peak = GC.GetTotalMemory(false);
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!stop.Wait(1))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
            }
        });
        sampler.Start();
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        stop.Set();
        sampler.Join();
        return (clock.Elapsed, Math.Max(peak, GC.GetTotalMemory(false)));
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
