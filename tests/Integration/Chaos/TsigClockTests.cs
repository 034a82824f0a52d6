using System.Globalization;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Chaos;

/// <summary>
/// Clock jumps against TSIG (RFC 8945 §5.2.3): a client whose clock is off by more than the fudge
/// (300 s) gets BADTIME and changes nothing; within the fudge it is accepted; the server's own
/// wall clock jumping forward or back mid-stream is the same check seen from the other side, the
/// BADTIME answers are signed and carry the server's time, and nothing crashes. TSIG has no replay
/// protection beyond that window: a captured signed UPDATE is accepted again while it is inside
/// it, and refused once the server's clock has moved past it. Real clients under libfaketime
/// (knsupdate; BIND's nsupdate hangs under libfaketime, so it runs on the real clock against the
/// jumped server) and hand-signed messages whose TSIG is checked byte for byte.
/// </summary>
public sealed class TsigClockTests : IClassFixture<FakeClockServer>
{
    private readonly FakeClockServer _clock;

    public TsigClockTests(FakeClockServer clock) => _clock = clock;

    private SplitDnsProcess Server => _clock.Server;

    [Theory]
    [InlineData("+10m", "ahead")]
    [InlineData("-10m", "behind")]
    public async Task Knsupdate_ClientClockTenMinutesOff_BadTimeAndZoneUnchanged(string offset, string tag)
    {
        uint serial = await Server.SerialAsync();

        ToolResult r = await KnsupdateAsync(offset, $"update add skew-{tag}.example.com 60 A 192.0.2.10");

        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.Contains("BADTIME", r.Output, StringComparison.Ordinal);
        Assert.Empty(await Server.ShortAsync($"skew-{tag}.example.com", "A"));
        Assert.Equal(serial, await Server.SerialAsync());
    }

    [Theory]
    [InlineData("+2m", "ahead")]
    [InlineData("-2m", "behind")]
    public async Task Knsupdate_ClientClockOffWithinFudge_Accepted(string offset, string tag)
    {
        ToolResult r = await KnsupdateAsync(offset, $"update add fudge-{tag}.example.com 60 A 192.0.2.11");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["192.0.2.11"], await Server.ShortAsync($"fudge-{tag}.example.com", "A"));
    }

    [Theory]
    [InlineData(900)]
    [InlineData(-900)]
    public async Task ServerClockJumpsPastFudge_BadTimeSignedWithServerTime_ThenAcceptedOnceItIsBack(int jump)
    {
        string name = $"jump{(jump > 0 ? "fwd" : "back")}.example.com.";
        await _clock.JumpAsync(jump);
        try
        {
            ulong now = DnsWire.Now;
            byte[] request = SignedUpdates.Add(now, out byte[] mac, SignedUpdates.A(name, "192.0.2.12"));
            byte[] raw = (await DnsWire.ExchangeTcpAsync(Server.EndPoint, request))[0];
            DnsMessage refused = DnsMessage.Parse(raw);

            Assert.Equal(DnsRcode.NotAuth, refused.Rcode);
            TsigRdata tsig = SignedUpdates.Tsig(refused);
            Assert.Equal((ushort)DnsRcode.BadTime, tsig.Error);
            // RFC 8945 §5.2.3: signed, Time Signed is the request's, Other Data the server's clock.
            Assert.Equal(now, tsig.TimeSigned);
            Assert.InRange((long)SignedUpdates.ServerTime(tsig) - (long)now, jump - 30, jump + 30);
            TsigVerifyResult seen = TsigVerifier.VerifyResponse(raw, SignedUpdates.Key, mac, DnsWire.Now);
            Assert.Equal(TsigStatus.PeerError, seen.Status);
            Assert.Equal(DnsRcode.BadTime, seen.Error);

            // BIND's nsupdate, on the real clock, reports it as such.
            ToolResult nsupdate = await Server.NsupdateAsync($"update add {name} 60 A 192.0.2.12");
            Assert.True(nsupdate.ExitCode != 0, nsupdate.ToString());
            Assert.Contains("clocks are unsynchronized", nsupdate.Output, StringComparison.Ordinal);
            Assert.Empty(await Server.ShortAsync(name, "A"));
        }
        finally
        {
            await _clock.JumpAsync(0);
        }

        // Back in step: the same change now goes through, answered with a valid signature.
        ulong t = DnsWire.Now;
        byte[] again = SignedUpdates.Add(t, out byte[] againMac, SignedUpdates.A(name, "192.0.2.12"));
        byte[] okRaw = (await DnsWire.ExchangeTcpAsync(Server.EndPoint, again))[0];
        Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(okRaw).Rcode);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(okRaw, SignedUpdates.Key, againMac, DnsWire.Now).Status);
        Assert.Equal(["192.0.2.12"], await Server.ShortAsync(name, "A"));
    }

    [Fact]
    public async Task ServerClockJumpsWithinFudge_UpdateAccepted_ResponseSignedAtServerTime()
    {
        await _clock.JumpAsync(120);
        try
        {
            ulong now = DnsWire.Now;
            byte[] request = SignedUpdates.Add(now, out byte[] mac, SignedUpdates.A("inside.example.com.", "192.0.2.13"));
            byte[] raw = (await DnsWire.ExchangeTcpAsync(Server.EndPoint, request))[0];

            Assert.Equal(DnsRcode.NoError, DnsMessage.Parse(raw).Rcode);
            TsigRdata tsig = SignedUpdates.Tsig(DnsMessage.Parse(raw));
            Assert.InRange((long)tsig.TimeSigned - (long)now, 90, 150);
            Assert.Equal(TsigSigner.DefaultFudge, tsig.Fudge);
            // 120 s is inside the response's fudge: the client (on real time) accepts it.
            Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(raw, SignedUpdates.Key, mac, DnsWire.Now).Status);
            Assert.Equal(["192.0.2.13"], await Server.ShortAsync("inside.example.com", "A"));
        }
        finally
        {
            await _clock.JumpAsync(0);
        }
    }

    [Fact]
    public async Task ReplayedSignedUpdate_AppliedAgainWithinFudge_BadTimeOnceTheServerClockPassesIt()
    {
        const string name = "replay.example.com.";
        byte[] captured = SignedUpdates.Add(DnsWire.Now, SignedUpdates.A(name, "192.0.2.14"));
        Assert.Equal(DnsRcode.NoError, (await SignedUpdates.SendAsync(Server.EndPoint, captured)).Rcode);
        await DeleteAsync(name);

        // RFC 8945 has no replay protection inside the time window: the same bytes apply again.
        Assert.Equal(DnsRcode.NoError, (await SignedUpdates.SendAsync(Server.EndPoint, captured)).Rcode);
        Assert.Equal(["192.0.2.14"], await Server.ShortAsync(name, "A"));
        await DeleteAsync(name);

        // Once the server's clock is more than the fudge past the capture, the replay is BADTIME.
        await _clock.JumpAsync(600);
        try
        {
            DnsMessage replayed = await SignedUpdates.SendAsync(Server.EndPoint, captured);
            Assert.Equal(DnsRcode.NotAuth, replayed.Rcode);
            Assert.Equal((ushort)DnsRcode.BadTime, SignedUpdates.Tsig(replayed).Error);
            Assert.Empty(await Server.ShortAsync(name, "A"));
        }
        finally
        {
            await _clock.JumpAsync(0);
        }
    }

    private async Task DeleteAsync(string name)
    {
        Assert.Equal(DnsRcode.NoError, (await SignedUpdates.SendAsync(Server.EndPoint, SignedUpdates.DeleteName(DnsWire.Now, name))).Rcode);
        Assert.Empty(await Server.ShortAsync(name, "A"));
    }

    /// <summary>knsupdate over TCP under <c>faketime -f offset</c> (the client's wall clock only).</summary>
    private Task<ToolResult> KnsupdateAsync(string offset, string script)
    {
        string input = $"server {Server.Address} {Server.Port.ToString(CultureInfo.InvariantCulture)}\nzone example.com\n{script}\nsend\nanswer\n";
        return ClientTool.RunAsync("faketime", ["-f", offset, "/usr/bin/knsupdate", "-v", "-t", "15", "-y", SplitDnsProcess.KeySpec],
            input, TimeSpan.FromSeconds(40));
    }
}
