using BenchmarkDotNet.Attributes;
using SplitDns.Blocking;

namespace SplitDns.Bench.Blocking;

/// <summary>
/// <see cref="BlockingIndex.Match"/> over an index of 1,000,000 distinct names (list 0) with one
/// allowlist entry (list 1): a blocked subdomain, a 4-label miss, an allowed name, and 1,024
/// different blocked names in turn (the table and arena out of cache, as with real traffic).
/// </summary>
[MemoryDiagnoser]
public class BlockingIndexBenchmarks
{
    private const int Names = 1_000_000;
    private const int Spread = 1024;
    private BlockingIndex _index = BlockingIndex.Empty;
    private byte[] _blocked = [];
    private byte[] _miss = [];
    private byte[] _allowed = [];
    private byte[][] _spread = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = new BlockingIndexBuilder(Names);
        for (int i = 0; i < Names; i++)
        {
            builder.TryAdd(GeneratedLists.Name(i), 0, EntryKind.Block);
        }

        builder.TryAdd("ok." + GeneratedLists.Name(5), 1, EntryKind.Block);
        _index = builder.Build();
        _blocked = GeneratedLists.Wire("CDN." + GeneratedLists.Name(123_456).ToUpperInvariant());
        _miss = GeneratedLists.Wire("www.shop.notlisted.example");
        _allowed = GeneratedLists.Wire("x.ok." + GeneratedLists.Name(5));
        var random = new Random(42);
        _spread = [.. Enumerable.Range(0, Spread).Select(_ => GeneratedLists.Wire("www." + GeneratedLists.Name(random.Next(Names))))];
        if (!_index.Match(_blocked, 1, 2).IsBlocked || _index.Match(_miss, 1, 2).IsBlocked || !_index.Match(_allowed, 1, 2).IsAllowed)
        {
            throw new InvalidOperationException("benchmark index does not match as expected");
        }
    }

    [Benchmark]
    public bool Blocked_Subdomain() => _index.Match(_blocked, 1, 2).IsBlocked;

    [Benchmark]
    public bool Miss_FourLabels() => _index.Match(_miss, 1, 2).IsBlocked;

    [Benchmark]
    public bool Allowed() => _index.Match(_allowed, 1, 2).IsAllowed;

    [Benchmark(OperationsPerInvoke = Spread)]
    public int Blocked_1024DifferentNames()
    {
        int blocked = 0;
        foreach (byte[] name in _spread)
        {
            blocked += _index.Match(name, 1, 2).IsBlocked ? 1 : 0;
        }

        return blocked;
    }
}
