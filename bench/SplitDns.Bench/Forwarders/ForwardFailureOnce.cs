using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Bench.Forwarders;

/// <summary>
/// CPU per failed forwarded query against an unreachable upstream on loopback, outside
/// BenchmarkDotNet (run as <c>forward-failure-once [refused|silent] [queries]</c>). Reports, per
/// query: process CPU time (utime+stime; depends on machine load), exceptions thrown (first
/// chance; load-independent) and bytes allocated, for two paths:
/// "try": <see cref="UpstreamServer.QueryAsync"/> directly (one try each, the transport's failure
/// path); "resolve": <see cref="ForwardingResolver.ResolveAsync(DnsQuestion, bool, bool, CancellationToken)"/>
/// with the cache off and unique names (down-marking applies).
/// </summary>
public static class ForwardFailureOnce
{
    private static long s_exceptions;

    public static int Run(string[] args)
    {
        string mode = args.Length > 1 ? args[1] : "refused";
        int queries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        using Socket? silent = mode == "silent" ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : null;
        IPEndPoint target = Target(silent);
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref s_exceptions);
        var options = new ForwardersOptions
        {
            TryTimeout = TimeSpan.FromMilliseconds(mode == "silent" ? 50 : 1000),
            Deadline = TimeSpan.FromMilliseconds(mode == "silent" ? 100 : 2000),
        };
        options.Upstream.Add(new UpstreamEndpoint { Transport = UpstreamTransportKind.Udp, Address = target.Address, Port = target.Port });
        options.Cache.Enabled = false;
        using ForwardingResolver resolver = ForwardingResolver.Create(options);
        UpstreamServer server = resolver.Upstream!.Servers[0];

        Measure($"{mode} try", queries, i => server.QueryAsync(Question(i, "t"), false, false, options.TryTimeout, CancellationToken.None));
        Measure($"{mode} resolve", queries, async i => await resolver.ResolveAsync(Question(i, "r"), false, false, CancellationToken.None));
        return 0;
    }

    private static void Measure<T>(string label, int queries, Func<int, Task<T>> one)
    {
        for (int i = 0; i < 50; i++)
        {
            one(-i - 1).GetAwaiter().GetResult(); // JIT and first sockets outside the measurement
        }

        // Concurrency 16, like a loaded resolver, so silent upstreams don't dominate wall time.
        long exceptions = Interlocked.Read(ref s_exceptions);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        int next = -1;
        Task[] workers = [.. Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queries)
            {
                await one(i).ConfigureAwait(false);
            }
        }))];
        Task.WaitAll(workers);
        double cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / queries;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-16} n={queries}  cpu {cpuUs,8:F1} us/query  exceptions {(double)(Interlocked.Read(ref s_exceptions) - exceptions) / queries,5:F2}/query  alloc {(GC.GetTotalAllocatedBytes(true) - allocated) / queries,7} B/query  wall {wall.Elapsed.TotalSeconds:F1} s"));
    }

    private static DnsQuestion Question(int i, string prefix) =>
        new(DnsName.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i + 100}.fail.test.")), RecordType.A);

    /// <summary>A loopback port nobody listens on (ICMP port unreachable), or a bound socket that never answers.</summary>
    private static IPEndPoint Target(Socket? silent)
    {
        if (silent is not null)
        {
            silent.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.59"), 0));
            return (IPEndPoint)silent.LocalEndPoint!;
        }

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.58"), 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }
}
