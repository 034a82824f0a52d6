using BenchmarkDotNet.Running;

namespace SplitDns.Bench;

public static class BenchProgram
{
    public static int Main(string[] args)
    {
        // One-shot measurements for /usr/bin/time -v (wall time, peak RSS), outside BenchmarkDotNet.
        if (args.Length > 0 && args[0] == "zonefile-once")
        {
            return Protocol.ZoneFileParseOnce.Run(args);
        }

        if (args.Length > 0 && args[0] == "blocking-memory")
        {
            return SplitDns.Bench.Blocking.BlockingMemoryOnce.Run(args);
        }

        if (args.Length > 0 && args[0] == "forward-failure-once")
        {
            return SplitDns.Bench.Forwarders.ForwardFailureOnce.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
