using System.Globalization;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Chaos;

/// <summary>
/// The real server as a child process under libfaketime (Debian's <c>faketime</c> package), whose
/// wall clock a test can jump forward or back while it runs, as an NTP step or a VM resume would:
/// the offset is read from a file (re-read every second), and only the wall clock is faked, not
/// the monotonic one, so the runtime's timers and timeouts are untouched.
/// </summary>
public sealed class FakeClockServer : IAsyncLifetime
{
    public const string LibFaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

    private string _clockFile = "";

    internal SplitDnsProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(LibFaketime), $"{LibFaketime} is missing: scripts/test.sh installs Debian's faketime package");
        Server = await SplitDnsProcess.CreateAsync(ZoneFiles.Small, "",
            "{ \"Keys\": [\"" + SplitDnsProcess.KeyName + "\"], \"Networks\": [\"127.0.0.0/8\"] }", store: null);
        _clockFile = Path.Combine(Server.Directory, "clock");
        await File.WriteAllTextAsync(_clockFile, "+0\n");
        Server.ExtraEnvironment["LD_PRELOAD"] = LibFaketime;
        Server.ExtraEnvironment["FAKETIME_TIMESTAMP_FILE"] = _clockFile;
        Server.ExtraEnvironment["FAKETIME_CACHE_DURATION"] = "1";
        Server.ExtraEnvironment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1";
        await Server.StartAsync();
        await JumpAsync(0);
    }

    /// <summary>
    /// Sets the server's wall clock to real time plus <paramref name="seconds"/> and waits (at most
    /// 30 s) until the server reports it.
    /// </summary>
    public async Task JumpAsync(int seconds)
    {
        await File.WriteAllTextAsync(_clockFile, seconds.ToString("+0;-0", CultureInfo.InvariantCulture) + "\n");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long off = 0;
        while (DateTime.UtcNow < deadline)
        {
            off = (long)await ServerClockAsync() - (long)DnsWire.Now;
            if (Math.Abs(off - seconds) <= 5)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the server's clock is {off} s off real time, not {seconds} s");
    }

    /// <summary>
    /// The server's wall clock, as it reports it: a query signed in 1970 is answered BADTIME with
    /// the server's time in the TSIG's other data (RFC 8945 §5.2.3).
    /// </summary>
    public async Task<ulong> ServerClockAsync()
    {
        var q = new DnsMessage();
        q.Header.Id = 4242;
        q.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        DnsMessage r = await SignedUpdates.SendAsync(Server.EndPoint, DnsWire.Sign(q.ToArray(), SignedUpdates.Key, 1000));
        Assert.Equal(DnsRcode.NotAuth, r.Rcode);
        return SignedUpdates.ServerTime(SignedUpdates.Tsig(r));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
