using System.Globalization;
using SplitDns.Integration.Tests.Forwarding;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Zones;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// The in-process server with a store, an update key and a fake secondary (a
/// <see cref="FakeUpstreamServer"/> on 127.0.3.x that records each NOTIFY's serial and
/// acknowledges it, so the sender does not retry) in example.com's Notify list.
/// </summary>
public sealed class NotifyServerFixture : ServerFixture, IDisposable
{
    public const string KeyName = "notify-key";
    public const string Secret = "bm90aWZ5LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";
    public const string KeySpec = "hmac-sha256:" + KeyName + ":" + Secret;

    private readonly List<uint> _serials = [];
    private readonly FakeUpstreamServer _secondary;

    public NotifyServerFixture() => _secondary = new FakeUpstreamServer(Acknowledge);

    public string ZoneFile => Path.Combine(ZoneDirectory, "example.com.zone");

    /// <summary>Serials of the NOTIFYs received so far, in arrival order.</summary>
    public List<uint> NotifiedSerials
    {
        get
        {
            lock (_serials)
            {
                return [.. _serials];
            }
        }
    }

    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--SplitDns:Tsig:Keys:0:Name={KeyName}",
        $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
        "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
        $"--SplitDns:Zones:0:Updates:0:Key={KeyName}",
        $"--SplitDns:Zones:0:Notify={_secondary.EndPoint}",
        $"--SplitDns:Store:Path={Path.Combine(ZoneDirectory, "data", "splitdns.db")}",
        "--SplitDns:WatchZoneFiles=false",
    ];

    /// <summary>Waits (bounded: 10 s) until <paramref name="count"/> NOTIFYs have arrived; returns their serials.</summary>
    public async Task<List<uint>> WaitForNotifiesAsync(int count)
    {
        for (int i = 0; i < 100 && NotifiedSerials.Count < count; i++)
        {
            await Task.Delay(100);
        }

        return NotifiedSerials;
    }

    public void Dispose() => _secondary.Dispose();

    private DnsMessage? Acknowledge(DnsMessage notify)
    {
        if (notify.Header.Opcode != DnsOpcode.Notify || notify.Answers.Count == 0 || notify.Answers[0].Data is not SoaRdata soa)
        {
            return null;
        }

        lock (_serials)
        {
            _serials.Add(soa.Serial);
        }

        DnsMessage ack = notify.CreateResponse();
        ack.Header.AuthoritativeAnswer = true;
        return ack;
    }
}

/// <summary>
/// NOTIFY goes out whenever the served serial moves forward, not only after UPDATE: a zone-file
/// reload that changes the zone notifies too; a reload that changes nothing does not; each change
/// is notified exactly once.
/// </summary>
public sealed class NotifyOnReloadTests(NotifyServerFixture server) : IClassFixture<NotifyServerFixture>
{
    [Fact]
    public async Task ReloadAndUpdate_EachSerialChangeNotifiedOnceUnchangedReloadNotAtAll()
    {
        uint start = Serial();
        Assert.Empty(server.NotifiedSerials);

        // 1. The file changes (new record, newer serial) and is reloaded.
        string text = await File.ReadAllTextAsync(server.ZoneFile);
        await File.WriteAllTextAsync(server.ZoneFile, text.Replace(
            start.ToString(CultureInfo.InvariantCulture), (start + 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            + "\nreloaded 300 IN A 192.0.2.44\n");
        await server.Get<ZoneFileService>().ReloadAsync(onlyChanged: false);
        Assert.Equal(start + 10, Serial());
        Assert.Equal([start + 10], await server.WaitForNotifiesAsync(1));

        // 2. The same file again: nothing changes, so nothing is sent (checked at step 3: the next
        //    NOTIFY to arrive is the update's, and the queue is first in, first out).
        await server.Get<ZoneFileService>().ReloadAsync(onlyChanged: false);
        Assert.Equal(start + 10, Serial());

        // 3. An UPDATE commits: one NOTIFY for its serial.
        string script = $"server {server.Address} {server.Port.ToString(CultureInfo.InvariantCulture)}\nzone example.com\nupdate add notified.example.com 60 A 192.0.2.45\nsend\n";
        ToolResult update = await ClientTool.RunAsync("nsupdate", ["-y", NotifyServerFixture.KeySpec], script, TimeSpan.FromSeconds(20));
        Assert.True(update.ExitCode == 0, update.ToString());

        Assert.Equal([start + 10, start + 11], await server.WaitForNotifiesAsync(2));
    }

    private uint Serial()
    {
        DigResult r = server.Dig.Query("example.com SOA");
        return uint.Parse(r.Answer.Single().Split(' ', '\t').Where(p => p.Length > 0).ElementAt(6), CultureInfo.InvariantCulture);
    }
}
