using BenchmarkDotNet.Attributes;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Bench.Protocol;

/// <summary>
/// Parsing a generated 1,000,000-record zone file: streaming (records dropped as read, the
/// server's load path before it builds a snapshot) and collecting all records in a list.
/// Few iterations: one operation is a whole file.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ZoneFileParseBenchmarks
{
    private static readonly DnsName s_origin = DnsName.Parse(ZoneFileGenerator.Origin);
    private string _path = string.Empty;

    [Params(1_000_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"splitdns-bench-{Records}.zone");
        ZoneFileGenerator.Write(_path, Records);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int Stream()
    {
        using var reader = new ZoneFileReader(_path, s_origin);
        int count = 0;
        while (reader.TryRead(out ResourceRecord? _))
        {
            count++;
        }

        return reader.Errors.Count == 0 ? count : throw new InvalidOperationException(reader.Errors[0].ToString());
    }

    [Benchmark]
    public int ParseAll()
    {
        ZoneParseResult result = ZoneFileParser.Parse(_path, s_origin);
        return result.Succeeded ? result.Records.Count : throw new InvalidOperationException(result.Errors[0].ToString());
    }
}
