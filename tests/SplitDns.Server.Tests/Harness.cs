using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Protocol.ZoneFile;
using SplitDns.Server.Hosting;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Tests;

/// <summary>
/// The real decode → chain → encode path without sockets: the server's own DI composition, zones
/// from fixture files, and the response parsed back (the "recording response").
/// </summary>
internal sealed class Harness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly QueryContext _context = new();
    private readonly byte[] _response = new byte[65535];

    public Harness(ServerSettings settings, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        SplitDnsHost.AddServices(services, settings);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Catalog = _services.GetRequiredService<ZoneCatalog>();
        Processor = _services.GetRequiredService<QueryProcessor>();

        // The exporter listens to the instruments, as in the real server (recording must not allocate).
        Exporter = _services.GetRequiredService<SplitDns.Server.Metrics.PrometheusExporter>();
        _context.SetClient(new IPEndPoint(IPAddress.Loopback, 40000));
    }

    public ZoneCatalog Catalog { get; }

    public SplitDns.Server.Metrics.PrometheusExporter Exporter { get; }

    public QueryProcessor Processor { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sets the client as a UDP receive does: a socket address, no IPEndPoint.</summary>
    public void SetClient(SocketAddress client) => _context.SetClient(client);

    /// <summary>Sets the client as a TCP connection does: an endpoint.</summary>
    public void SetClient(IPEndPoint client) => _context.SetClient(client);

    public static Harness WithFixtures(params string[] files) => WithFixtures(new ServerSettings { Chaos = new ChaosSettings { Version = "SplitDns test" } }, files);

    public static Harness WithFixtures(ServerSettings settings, params string[] files)
    {
        var harness = new Harness(settings);
        foreach (string file in files)
        {
            harness.Catalog.Publish(LoadFixture(file));
        }

        return harness;
    }

    public static ZoneSnapshot LoadFixture(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
        ZoneParseResult parsed = ZoneFileParser.Parse(path, DnsName.Root);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        ResourceRecord soa = parsed.Records.First(r => r.Type == RecordType.SOA);
        return ZoneSnapshot.Create(soa.Name, parsed.Records);
    }

    public static byte[] BuildQuery(string name, RecordType type, DnsClass cls = DnsClass.IN, bool edns = true, Action<DnsMessage>? edit = null)
    {
        var query = new DnsMessage();
        query.Header.Id = 0x1234;
        query.Questions.Add(new DnsQuestion(DnsName.Parse(name), type, cls));
        if (edns)
        {
            query.Edns = new EdnsRecord { UdpPayloadSize = 1232 };
        }

        edit?.Invoke(query);
        return query.ToArray();
    }

    public DnsMessage Query(string name, RecordType type, DnsTransport transport = DnsTransport.Udp, DnsClass cls = DnsClass.IN,
        bool edns = true, Action<DnsMessage>? edit = null)
    {
        byte[]? response = Send(BuildQuery(name, type, cls, edns, edit), transport);
        Assert.NotNull(response);
        return DnsMessage.Parse(response);
    }

    /// <summary>Processes raw bytes; null when the server drops them.</summary>
    public byte[]? Send(byte[] request, DnsTransport transport = DnsTransport.Udp)
    {
        _context.Transport = transport;
        var sink = new RecordingSink(transport);
        int length = Processor.ProcessAsync(_context, request, _response, sink, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (length > 0)
        {
            return _response.AsSpan(0, length).ToArray();
        }

        return sink.Messages.Count > 0 ? sink.Messages[0] : null;
    }

    /// <summary>The number of bytes the process path allocates for one request (after warm-up).</summary>
    public long MeasureAllocations(byte[] request, int iterations = 100)
    {
        var sink = new RecordingSink(DnsTransport.Udp);
        _context.Transport = DnsTransport.Udp;
        for (int i = 0; i < 10; i++)
        {
            Processor.ProcessAsync(_context, request, _response, sink, CancellationToken.None).GetAwaiter().GetResult();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
        {
            Processor.ProcessAsync(_context, request, _response, sink, CancellationToken.None).GetAwaiter().GetResult();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public void Dispose() => _services.Dispose();

    internal sealed class RecordingSink(DnsTransport transport) : IResponseSink
    {
        public List<byte[]> Messages { get; } = [];

        public DnsTransport Transport => transport;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default)
        {
            Messages.Add(message.ToArray());
            return default;
        }
    }
}
