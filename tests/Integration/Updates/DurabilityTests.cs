using System.Collections.Concurrent;
using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// Crash safety: four clients stream signed updates while the server process is killed with
/// SIGKILL, five times. Each round waits for a random number of acknowledgements and then kills
/// at a random moment. After each restart every acknowledged update is there, the serial has not
/// gone backwards, and the journal still chains from the round's starting serial to the current
/// one (an IXFR from it is answered incrementally and carries the round's acknowledged names).
/// </summary>
public sealed class DurabilityTests
{
    private const int Rounds = 5;
    private const int Writers = 4;

    [Fact]
    public async Task SigkillDuringUpdates_AcknowledgedUpdatesSurviveAndJournalStaysConsistent()
    {
        await using SplitDnsProcess server = await SplitDnsProcess.StartAsync(ZoneFiles.Small);
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);
        var acknowledged = new List<string>();
        uint firstSerial = await server.SerialAsync();
        uint roundStart = firstSerial;
        var rng = new Random(Environment.ProcessId);
        for (int round = 0; round < Rounds; round++)
        {
            var acked = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            // Several writers, so the kill also lands inside group commits of more than one update.
            Task client = Task.WhenAll(Enumerable.Range(0, Writers)
                .Select(w => StreamUpdatesAsync(server.EndPoint, key, $"{round}-{w}", acked, stop.Token)));
            int target = rng.Next(5, 40);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acked.Count < target && DateTime.UtcNow < deadline && !client.IsCompleted)
            {
                await Task.Delay(5);
            }

            Assert.True(acked.Count >= target, $"round {round}: only {acked.Count} of {target} updates acknowledged before the kill\n{server.Log}");
            await Task.Delay(rng.Next(0, 100));
            await server.KillAsync();
            await stop.CancelAsync();
            await client;
            acknowledged.AddRange(acked);

            await server.StartAsync();

            HashSet<string> present = await AxfrNamesAsync(server);
            Assert.All(acknowledged, name => Assert.Contains(name, present));
            uint serial = await server.SerialAsync();
            Assert.True(SerialIsAtLeast(serial, roundStart), $"serial went back from {roundStart} to {serial}");
            Assert.True(serial - firstSerial >= (uint)acknowledged.Count, $"serial {serial} below {acknowledged.Count} acknowledged updates");
            HashSet<string> journalAdded = await IxfrAddedNamesAsync(server, key, roundStart, serial);
            Assert.All(acked, name => Assert.Contains(name, journalAdded));
            roundStart = serial;
        }
    }

    private static bool SerialIsAtLeast(uint serial, uint floor) => serial == floor || (int)(serial - floor) > 0;

    /// <summary>One signed UPDATE per fresh TCP connection, as external-dns sends them; stops at the first failure.</summary>
    private static async Task StreamUpdatesAsync(IPEndPoint server, TsigKey key, string tag, ConcurrentQueue<string> acked, CancellationToken ct)
    {
        for (int i = 0; i < 100_000 && !ct.IsCancellationRequested; i++)
        {
            string name = $"crash{tag}-{i}.example.com.";
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
                    return;
                }

                acked.Enqueue(name);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or EndOfStreamException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static async Task<HashSet<string>> AxfrNamesAsync(SplitDnsProcess server)
    {
        ToolResult r = await server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split([' ', '\t'], 2)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// IXFR from <paramref name="from"/> (RFC 1995 §4): must be incremental, not the AXFR
    /// fallback, with differences that chain serial to serial up to <paramref name="current"/>.
    /// Returns the names the differences add.
    /// </summary>
    private static async Task<HashSet<string>> IxfrAddedNamesAsync(SplitDnsProcess server, TsigKey key, uint from, uint current)
    {
        var q = new DnsMessage();
        q.Header.Id = 777;
        q.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.IXFR));
        q.Authority.Add(new ResourceRecord(DnsName.Parse("example.com."), 0,
            new SoaRdata(DnsName.Parse("ns1.example.com."), DnsName.Parse("hostmaster.example.com."), from, 0, 0, 0, 0)));
        List<byte[]> messages = await DnsWire.ExchangeTcpAsync(server.EndPoint, DnsWire.Sign(q.ToArray(), key, DnsWire.Now), transfer: true);
        List<ResourceRecord> rrs = messages.SelectMany(m => DnsMessage.Parse(m).Answers).Where(r => r.Type != RecordType.TSIG).ToList();
        var added = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (from == current)
        {
            Assert.Single(rrs);
            return added;
        }

        Assert.True(rrs.Count >= 4 && rrs[1].Type == RecordType.SOA, $"IXFR from {from} fell back to a full transfer or is empty ({rrs.Count} RRs)");
        Assert.Equal(current, Serial(rrs[0]));
        uint expect = from;
        bool inDeletions = false;
        for (int i = 1; i < rrs.Count - 1; i++)
        {
            if (rrs[i].Type == RecordType.SOA)
            {
                // Deletions open with the old SOA, additions with the new one; each difference
                // must start where the previous one ended.
                if (!inDeletions)
                {
                    Assert.Equal(expect, Serial(rrs[i]));
                }
                else
                {
                    expect = Serial(rrs[i]);
                }

                inDeletions = !inDeletions;
            }
            else if (!inDeletions)
            {
                added.Add(rrs[i].Name.ToString());
            }
        }

        Assert.Equal(current, expect);
        Assert.Equal(current, Serial(rrs[^1]));
        return added;
    }

    private static uint Serial(ResourceRecord soa) => ((SoaRdata)soa.Data).Serial;
}
