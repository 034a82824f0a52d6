using System.Net;
using Microsoft.AspNetCore.Builder;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// Issue 12 item 6: a large zone (100,000 records: A, AAAA, CNAME, TXT, MX on random-looking
/// names, some one label deeper) loads into the SQLite store and answers a random sample of its
/// names over UDP through the real server, on the first start (the file is imported) and on the
/// second (the store already holds it). No timing assertion: load speed is measured in bench/load.
/// </summary>
public sealed class LargeZoneTests : IDisposable
{
    private const int Names = 20_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("splitdns-large-").FullName;
    private readonly IPAddress _address = LoopbackAddress.Next();

    [Fact]
    public async Task LargeZone_FirstAndSecondStart_AnswersSampledNames()
    {
        WriteZone(Path.Combine(_directory, "large.test.zone"));
        var rng = new Random(12);
        for (int start = 0; start < 2; start++)
        {
            int port = LoopbackAddress.FreePort(_address);
            WebApplication app = SplitDnsHost.Build(
            [
                "--SplitDns:Domain=large.test",
                $"--SplitDns:ZoneDirectory={_directory}",
                "--SplitDns:Zones:0:File=large.test.zone",
                $"--SplitDns:Store:Path={Path.Combine(_directory, "store.db")}",
                $"--SplitDns:Listen:Dns={_address}:{port}",
                $"--SplitDns:Listen:Http={_address}:{LoopbackAddress.FreePort(_address)}",
                "--SplitDns:WatchZoneFiles=false",
                "--Logging:LogLevel:Default=Warning",
            ], includeDefaults: false);
            await app.StartAsync();
            try
            {
                for (int k = 0; k < 150; k++)
                {
                    AssertAnswers(port, rng.Next(Names), start);
                }

                DnsMessage missing = Ask(port, "missing-name.large.test", RecordType.A);
                Assert.Equal(DnsRcode.NxDomain, missing.Rcode);
                Assert.Equal(RecordType.SOA, Assert.Single(missing.Authority).Type);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private void AssertAnswers(int port, int i, int start)
    {
        string because = $"name {i}, start {start + 1}";
        DnsMessage a = Ask(port, $"{Name(i)}.large.test", RecordType.A);
        Assert.True(a.Rcode == DnsRcode.NoError, because);
        var address = Assert.IsType<ARdata>(Assert.Single(a.Answers).Data);
        Assert.Equal(Address(i), address.Address.ToString());
        switch (i % 4)
        {
            case 0:
                DnsMessage aaaa = Ask(port, $"{Name(i)}.large.test", RecordType.AAAA);
                Assert.Equal(RecordType.AAAA, Assert.Single(aaaa.Answers).Type);
                break;
            case 1:
                DnsMessage cname = Ask(port, $"c{Name(i)}.large.test", RecordType.A);
                Assert.Equal([RecordType.CNAME, RecordType.A], cname.Answers.Select(r => r.Type));
                break;
            case 2:
                DnsMessage txt = Ask(port, $"t{Name(i)}.large.test", RecordType.TXT);
                Assert.Contains($"id {i}", Assert.Single(txt.Answers).Data.ToString(), StringComparison.Ordinal);
                break;
            default:
                DnsMessage mx = Ask(port, $"m{Name(i)}.large.test", RecordType.MX);
                Assert.Equal(RecordType.MX, Assert.Single(mx.Answers).Type);
                Assert.Contains(mx.Additional, r => r.Type == RecordType.A);
                break;
        }
    }

    private DnsMessage Ask(int port, string name, RecordType type)
    {
        byte[] query = RawDns.Query(name, type, (ushort)Random.Shared.Next(65536));
        for (int attempt = 0; attempt < 10; attempt++)
        {
            // Bounded retries: a loaded CI machine may drop or delay a datagram.
            if (RawDns.Udp(_address, port, query, timeoutMs: 2000) is { } reply)
            {
                return DnsMessage.Parse(reply);
            }
        }

        throw new TimeoutException($"no answer for {name} {type}");
    }

    private static string Name(int i) => i % 10 == 9 ? $"{(uint)(i * 2654435761u):x8}{i}.z{i % 100}" : $"{(uint)(i * 2654435761u):x8}{i}";

    private static string Address(int i) => $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}";

    /// <summary>Five records per name i: A, and one of AAAA / CNAME / TXT / MX by i mod 4 (about 100,000 in all).</summary>
    private static void WriteZone(string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("$ORIGIN large.test.");
        w.WriteLine("$TTL 300");
        w.WriteLine("@ SOA ns1 hostmaster 1 3600 900 604800 60");
        w.WriteLine("@ NS ns1");
        w.WriteLine("ns1 A 127.0.0.1");
        for (int i = 0; i < Names; i++)
        {
            string name = Name(i);
            w.WriteLine($"{name} A {Address(i)}");
            w.WriteLine((i % 4) switch
            {
                0 => $"{name} AAAA 2001:db8::{i:x}",
                1 => $"c{name} CNAME {name}",
                2 => $"t{name} TXT \"v=spf1 -all\" \"id {i}\"",
                _ => $"m{name} MX 10 {name}",
            });
            w.WriteLine($"x{name} TXT \"filler {i}\"");
            w.WriteLine($"y{name} A {Address(i)}");
            w.WriteLine($"y{name} A 192.0.2.{i % 250 + 1}");
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
