using System.Diagnostics;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Bench.Protocol;

/// <summary>
/// One cold parse of a generated zone, for wall time and peak RSS under /usr/bin/time -v:
/// <c>dotnet SplitDns.Bench.dll zonefile-once 1000000 [stream|all]</c>.
/// </summary>
public static class ZoneFileParseOnce
{
    public static int Run(string[] args)
    {
        int records = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        bool collect = args.Length > 2 && args[2] == "all";
        string path = Path.Combine(Path.GetTempPath(), $"splitdns-once-{records}.zone");
        ZoneFileGenerator.Write(path, records);
        try
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            int count;
            int errors;
            if (collect)
            {
                ZoneParseResult result = ZoneFileParser.Parse(path, DnsName.Parse(ZoneFileGenerator.Origin));
                count = result.Records.Count;
                errors = result.Errors.Count;
            }
            else
            {
                using var reader = new ZoneFileReader(path, DnsName.Parse(ZoneFileGenerator.Origin));
                count = 0;
                while (reader.TryRead(out _))
                {
                    count++;
                }

                errors = reader.Errors.Count;
            }

            clock.Stop();
            Console.WriteLine($"{(collect ? "all" : "stream")}: {count} records, {errors} errors, {new FileInfo(path).Length / 1048576.0:F1} MiB file, parse {clock.Elapsed.TotalMilliseconds:F0} ms, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
