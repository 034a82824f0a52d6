using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// Crash safety: a client streams signed updates while the server process is killed with
/// SIGKILL at a random moment, five times. After each restart every acknowledged update is
/// there and the serial has not gone backwards.
/// </summary>
public sealed class DurabilityTests
{
    private const int Rounds = 5;

    [Fact]
    public async Task SigkillDuringUpdates_AcknowledgedUpdatesSurviveAndSerialNeverGoesBack()
    {
        await using SplitDnsProcess server = await SplitDnsProcess.StartAsync(ZoneFiles.Small);
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);
        var acknowledged = new List<string>();
        uint lastSerial = await server.SerialAsync();
        uint firstSerial = lastSerial;
        var rng = new Random(Environment.ProcessId);
        for (int round = 0; round < Rounds; round++)
        {
            using var stop = new CancellationTokenSource();
            Task<List<string>> client = StreamUpdatesAsync(server.EndPoint, key, round, stop.Token);
            await Task.Delay(rng.Next(300, 900));
            await server.KillAsync();
            await stop.CancelAsync();
            List<string> acked = await client;
            acknowledged.AddRange(acked);

            await server.StartAsync();

            HashSet<string> present = await AxfrNamesAsync(server);
            Assert.All(acknowledged, name => Assert.Contains(name, present));
            uint serial = await server.SerialAsync();
            Assert.True(serial >= lastSerial, $"serial went back from {lastSerial} to {serial}");
            Assert.True(serial - firstSerial >= (uint)acknowledged.Count, $"serial {serial} below {acknowledged.Count} acknowledged updates");
            lastSerial = serial;
        }

        Assert.NotEmpty(acknowledged);
    }

    /// <summary>One signed UPDATE per fresh TCP connection, as external-dns sends them; stops at the first failure.</summary>
    private static async Task<List<string>> StreamUpdatesAsync(IPEndPoint server, TsigKey key, int round, CancellationToken ct)
    {
        var acked = new List<string>();
        for (int i = 0; i < 100_000 && !ct.IsCancellationRequested; i++)
        {
            string name = $"crash{round}-{i}.example.com.";
            var m = new DnsMessage();
            m.Header.Id = (ushort)i;
            m.Header.Opcode = DnsOpcode.Update;
            m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
            m.Authority.Add(new ResourceRecord(DnsName.Parse(name), 60, new ARdata(IPAddress.Parse("192.0.2.7"))));
            try
            {
                byte[] response = (await DnsWire.ExchangeTcpAsync(server, DnsWire.Sign(m.ToArray(), key, DnsWire.Now)))[0];
                if (DnsMessage.Parse(response).Rcode != DnsRcode.NoError)
                {
                    break;
                }

                acked.Add(name);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or EndOfStreamException or OperationCanceledException or IOException)
            {
                break;
            }
        }

        return acked;
    }

    private static async Task<HashSet<string>> AxfrNamesAsync(SplitDnsProcess server)
    {
        ToolResult r = await server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
