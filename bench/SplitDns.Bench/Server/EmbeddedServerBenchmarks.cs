using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.ZoneFile;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Bench.Server;

/// <summary>
/// The "embedded server" (STYLE rule 22): decode → resolver chain → encode, exactly as a UDP
/// receive loop drives it, minus the socket. [MemoryDiagnoser] proves rule 10: zero bytes
/// allocated per query on an authoritative answer (the Prometheus exporter is listening).
/// </summary>
[MemoryDiagnoser]
public class EmbeddedServerBenchmarks
{
    private readonly byte[] _response = new byte[65535];
    private readonly QueryContext _context = new() { Transport = DnsTransport.Udp };
    private ServiceProvider _services = null!;
    private QueryProcessor _processor = null!;
    private IResponseSink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        SplitDnsHost.AddServices(services, new ServerSettings());
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<PrometheusExporter>();
        DnsName origin = DnsName.Parse("bench.test.");
        ZoneParseResult parsed = ZoneFileParser.ParseText(Packets.Zone, "bench.zone", origin);
        _services.GetRequiredService<ZoneCatalog>().Publish(ZoneSnapshot.Create(origin, parsed.Records));
        _processor = _services.GetRequiredService<QueryProcessor>();
        _context.SetClient(new IPEndPoint(IPAddress.Loopback, 5353));
        _sink = new NullSink();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public int HitA() => Process(Packets.HitA);

    [Benchmark]
    public int Wildcard() => Process(Packets.Wildcard);

    [Benchmark]
    public int CnameChain() => Process(Packets.Cname);

    [Benchmark]
    public int NxDomain() => Process(Packets.NxDomain);

    [Benchmark]
    public int MxWithAdditional() => Process(Packets.MxWithAdditional);

    [Benchmark]
    public int Refused() => Process(Packets.Refused);

    private int Process(byte[] query) =>
        _processor.ProcessAsync(_context, query, _response, _sink, CancellationToken.None).GetAwaiter().GetResult();

    private sealed class NullSink : IResponseSink
    {
        public DnsTransport Transport => DnsTransport.Udp;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default) => default;
    }
}
