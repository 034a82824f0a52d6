using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Blocking;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Bench.Blocking;

/// <summary>
/// The whole query path in process (decode → view → chain → encode) with a view's blocking on
/// (a 1,000,000-name list) or off: a forwarded name served from the cache (what blocking adds to
/// every allowed query) and a listed name (the blocked answer). The upstream is a UDP socket on
/// 127.0.0.1 in this process, asked once per name to fill the cache.
/// </summary>
[MemoryDiagnoser]
public class BlockingPathBenchmarks
{
    private readonly byte[] _response = new byte[65535];
    private readonly QueryContext _context = new() { Transport = DnsTransport.Udp };
    private string _dir = "";
    private Socket _upstream = null!;
    private CancellationTokenSource _stop = null!;
    private ServiceProvider _services = null!;
    private QueryProcessor _processor = null!;
    private IResponseSink _sink = null!;
    private byte[] _allowed = [];
    private byte[] _listed = [];

    [Params(false, true)]
    public bool Blocking { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("splitdns-blockbench-").FullName;
        GeneratedLists.WriteDomains(Path.Combine(_dir, "big.txt"), 1_000_000);
        _upstream = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _stop = new CancellationTokenSource();
        _ = AnswerAsync(_upstream, _stop.Token);

        var errors = new List<string>();
        var configuration = ServerConfiguration.Build(
        [
            $"--SplitDns:Forwarders:Upstream={_upstream.LocalEndPoint}",
            "--SplitDns:RecursionAcl=127.0.0.0/8",
            $"--SplitDns:Blocking:CacheDirectory={_dir}/cache",
            $"--SplitDns:Blocking:Lists:big={_dir}/big.txt",
            "--SplitDns:Views:0:Name=home", "--SplitDns:Views:0:Networks=127.0.0.0/8",
            $"--SplitDns:Views:0:Blocking={Blocking}",
        ], includeDefaults: false, errors);
        ServerSettings settings = ServerSettingsReader.Read(configuration, _dir, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        var services = new ServiceCollection();
        services.AddLogging();
        SplitDnsHost.AddServices(services, settings);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<PrometheusExporter>();
        _services.GetRequiredService<BlocklistCatalog>().LoadLocalAsync(CancellationToken.None).GetAwaiter().GetResult();
        _processor = _services.GetRequiredService<QueryProcessor>();
        _context.SetClient(new IPEndPoint(IPAddress.Loopback, 5353));
        _sink = new NullSink();
        _allowed = Query("www.allowed.example.");
        _listed = Query(GeneratedLists.Name(123_457) + ".");

        // Fill the cache (and, with blocking off, cache the listed name too).
        Process(_allowed);
        Process(_listed);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _upstream.Dispose();
        _services.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int AllowedCacheHit() => Process(_allowed);

    [Benchmark]
    public int ListedName() => Process(_listed);

    private int Process(byte[] query) =>
        _processor.ProcessAsync(_context, query, _response, _sink, CancellationToken.None).GetAwaiter().GetResult();

    private static byte[] Query(string name)
    {
        var query = new DnsMessage();
        query.Header.Id = 7;
        query.Header.RecursionDesired = true;
        query.Questions.Add(new DnsQuestion(DnsName.Parse(name), RecordType.A, DnsClass.IN));
        query.Edns = new SplitDns.Protocol.Edns.EdnsRecord { UdpPayloadSize = 1232 };
        return query.ToArray();
    }

    private static async Task AnswerAsync(Socket socket, CancellationToken ct)
    {
        byte[] buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                SocketReceiveFromResult r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, ct);
                DnsMessage q = DnsMessage.Parse(buffer.AsSpan(0, r.ReceivedBytes).ToArray());
                DnsMessage a = q.CreateResponse();
                a.Header.RecursionAvailable = true;
                a.Answers.Add(new ResourceRecord(q.Questions[0].Name, 3600, new ARdata(IPAddress.Parse("198.51.100.7"))));
                await socket.SendToAsync(a.ToArray(), SocketFlags.None, r.RemoteEndPoint);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // keep answering
            }
        }
    }

    private sealed class NullSink : IResponseSink
    {
        public DnsTransport Transport => DnsTransport.Udp;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default) => default;
    }
}
