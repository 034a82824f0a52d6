using System.Collections.Concurrent;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Chaos;

/// <summary>
/// SIGKILL during updates with the shared PostgreSQL store (the SQLite store has the same check in
/// <see cref="DurabilityTests"/>; bench/chaos/sigkill-updates.sh runs 100 cycles of either): three
/// writers stream signed UPDATEs, the server process is killed at a random moment, three times,
/// and after each restart every UPDATE that was answered NOERROR is in the zone.
/// </summary>
public sealed class SigkillPostgresTests
{
    private const int Cycles = 3;
    private const int Writers = 3;

    [Fact]
    public async Task SigkillDuringUpdates_PostgresStore_EveryAcknowledgedUpdateSurvives()
    {
        await using PostgresCluster cluster = await PostgresCluster.CreateAsync();
        string store = $$"""{ "Provider": "Postgres", "ConnectionString": "{{await cluster.CreateDatabaseAsync("chaos")}}" }""";
        await using SplitDnsProcess server = await SplitDnsProcess.StartAsync(ZoneFiles.Small, "",
            "{ \"Keys\": [\"" + SplitDnsProcess.KeyName + "\"], \"Networks\": [\"127.0.0.0/8\"] }", store);
        var acknowledged = new List<string>();
        var rng = new Random(Environment.ProcessId);
        for (int cycle = 0; cycle < Cycles; cycle++)
        {
            var acked = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            Task writers = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => StreamAsync(server, $"pg{cycle}-{w}", acked, stop.Token)));
            int target = rng.Next(3, 30);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acked.Count < target && DateTime.UtcNow < deadline && !writers.IsCompleted)
            {
                await Task.Delay(5);
            }

            Assert.True(acked.Count >= target, $"cycle {cycle}: only {acked.Count} of {target} acknowledged before the kill\n{server.Log}");
            await Task.Delay(rng.Next(0, 50));
            await server.KillAsync();
            await stop.CancelAsync();
            await writers;
            acknowledged.AddRange(acked);

            await server.StartAsync();
            ToolResult axfr = await server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
            Assert.True(axfr.ExitCode == 0, axfr.ToString());
            HashSet<string> names = axfr.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split([' ', '\t'], 2)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.All(acknowledged, n => Assert.Contains(n, names));
        }
    }

    /// <summary>One signed UPDATE per TCP connection until the server goes away (bounded).</summary>
    private static async Task StreamAsync(SplitDnsProcess server, string tag, ConcurrentQueue<string> acked, CancellationToken ct)
    {
        for (int i = 0; i < 10_000 && !ct.IsCancellationRequested; i++)
        {
            string name = $"{tag}-{i}.example.com.";
            try
            {
                DnsMessage r = await SignedUpdates.SendAsync(server.EndPoint, SignedUpdates.Add(DnsWire.Now, SignedUpdates.A(name, "192.0.2.20")));
                if (r.Rcode != DnsRcode.NoError)
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
}
