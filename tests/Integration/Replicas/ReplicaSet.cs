using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Replicas;

/// <summary>
/// Three SplitDns processes, each on its own loopback address with its own copy of the zone file
/// and its own snapshot cache, sharing one PostgreSQL database: the reference topology's
/// three nodes behind one address.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ReplicaSet(List<SplitDnsProcess> replicas) => Replicas = replicas;

    public List<SplitDnsProcess> Replicas { get; }

    public SplitDnsProcess this[int i] => Replicas[i];

    public static async Task<ReplicaSet> StartAsync(string connectionString, int count = 3, string zone = ZoneFiles.Small)
    {
        string store = $$"""{ "Provider": "Postgres", "ConnectionString": "{{connectionString}}", "CatchUpIntervalSeconds": 2 }""";
        var replicas = new List<SplitDnsProcess>();
        try
        {
            // One after another: the first creates the zone, the others find it (concurrent
            // first starts are covered by the store's own tests).
            for (int i = 0; i < count; i++)
            {
                replicas.Add(await SplitDnsProcess.StartAsync(zone, "", DefaultTransfer, store));
            }
        }
        catch
        {
            foreach (SplitDnsProcess r in replicas)
            {
                await r.DisposeAsync();
            }

            throw;
        }

        return new ReplicaSet(replicas);
    }

    public const string DefaultTransfer = "{ \"Keys\": [\"" + SplitDnsProcess.KeyName + "\"], \"Networks\": [\"127.0.0.0/8\"] }";

    /// <summary>Waits (bounded) until every replica answers <paramref name="name"/> A with exactly <paramref name="expected"/> (empty: NXDOMAIN/NODATA).</summary>
    public async Task WaitForAllAsync(string name, params string[] expected)
    {
        foreach (SplitDnsProcess r in Replicas)
        {
            await WaitForAsync(r, name, expected);
        }
    }

    public static async Task WaitForAsync(SplitDnsProcess replica, string name, params string[] expected)
    {
        List<string> want = [.. expected.Order(StringComparer.Ordinal)];
        List<string> seen = [];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            seen = await replica.ShortAsync(name, "A");
            if (seen.SequenceEqual(want))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{replica.Address}: {name} A is [{string.Join(", ", seen)}], expected [{string.Join(", ", want)}] after 10 s\n{replica.Log}");
    }

    /// <summary>The zone as AXFR from one replica: every RR as text (TSIG stripped), in order.</summary>
    public static async Task<List<string>> AxfrAsync(SplitDnsProcess replica)
    {
        ToolResult r = await replica.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "+nottlunits", "example.com", "AXFR");
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("\tTSIG\t", StringComparison.Ordinal) && !l.StartsWith(';'))
            .ToList();
    }

    /// <summary>Every replica serves the same AXFR (same serial, same records, same order).</summary>
    public async Task AssertIdenticalAxfrAsync()
    {
        List<string> first = await AxfrAsync(Replicas[0]);
        for (int i = 1; i < Replicas.Count; i++)
        {
            List<string> other = await AxfrAsync(Replicas[i]);
            Assert.True(first.SequenceEqual(other),
                $"AXFR from {Replicas[0].Address} and {Replicas[i].Address} differ:\n--- 0\n{string.Join('\n', first)}\n--- {i}\n{string.Join('\n', other)}");
        }
    }

    /// <summary>Waits until every replica serves the same serial as the first (bounded), then compares AXFR.</summary>
    public async Task WaitForConvergenceAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            uint[] serials = await Task.WhenAll(Replicas.Select(r => r.SerialAsync()));
            if (serials.Distinct().Count() == 1)
            {
                await AssertIdenticalAxfrAsync();
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("replicas did not converge on one serial in 10 s");
    }

    /// <summary>GET on the replica's HTTP port: (status, body).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(SplitDnsProcess replica, string path)
    {
        using HttpResponseMessage response = await s_http.GetAsync(new Uri($"http://{replica.Address}:{replica.Port + 1}{path}"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One signed UPDATE adding <paramref name="name"/> A <paramref name="address"/>, with an optional "name must not exist" prerequisite; the response's RCODE and EDEs.</summary>
    public static async Task<DnsMessage> UpdateAsync(SplitDnsProcess replica, string name, string address, bool mustNotExist = false)
    {
        var m = new DnsMessage();
        m.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue);
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        if (mustNotExist)
        {
            // RFC 2136 §2.4.5: name is not in use (class NONE, type ANY).
            m.Answers.Add(new ResourceRecord(DnsName.Parse(name), RecordType.ANY, DnsClass.None, 0, new UnknownRdata(RecordType.ANY, [])));
        }

        m.Authority.Add(new ResourceRecord(DnsName.Parse(name), 60, new ARdata(IPAddress.Parse(address))));
        m.Edns = new Protocol.Edns.EdnsRecord();
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);
        byte[] response = (await DnsWire.ExchangeTcpAsync(replica.EndPoint, DnsWire.Sign(m.ToArray(), key, DnsWire.Now)))[0];
        return DnsMessage.Parse(response);
    }

    public static bool IsConnectionError(Exception ex) =>
        ex is SocketException or EndOfStreamException or IOException or TimeoutException or OperationCanceledException;

    public async ValueTask DisposeAsync()
    {
        foreach (SplitDnsProcess r in Replicas)
        {
            await r.DisposeAsync();
        }
    }
}
