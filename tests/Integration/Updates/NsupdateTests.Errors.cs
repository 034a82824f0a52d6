using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

public sealed partial class NsupdateTests
{
    [Fact]
    public async Task Nsupdate_OwnerOutsideZone_NotZoneAndNothingApplied()
    {
        await Fails("update add nz1.example.com 60 A 192.0.2.1\nupdate add a-example.com. 0 TXT x", "NOTZONE");

        Assert.Empty(await _server.ShortAsync("nz1.example.com", "A"));
        Assert.Contains("a-example.com.", _server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_ZoneNotServed_NotAuth()
    {
        ToolResult r = await _server.NsupdateAsync("update add x.example.org 60 A 192.0.2.1", zone: "example.org");

        Assert.Contains("NOTAUTH", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_Unsigned_Refused()
    {
        await Fails("update add unsigned.example.com 60 A 192.0.2.1", "REFUSED", key: null);

        Assert.Empty(await _server.ShortAsync("unsigned.example.com", "A"));
    }

    [Theory]
    [InlineData("prereq nxdomain www.example.com")] // would be YXDOMAIN: www exists
    [InlineData("prereq yxdomain nothing-here.example.com")] // would be NXDOMAIN
    [InlineData("prereq yxrrset www.example.com A")] // would hold
    [InlineData("prereq nxrrset www.example.com A")] // would be YXRRSET
    public async Task Nsupdate_RequesterWithoutGrant_RefusedWhateverThePrerequisiteWouldSay(string prerequisite)
    {
        // The unsigned requester has no grant in example.com: it is refused before the
        // prerequisites are looked at, so the answer says nothing about which names exist.
        await Fails($"{prerequisite}\nupdate add probe.example.com 60 A 192.0.2.1", "REFUSED", key: null);

        Assert.Empty(await _server.ShortAsync("probe.example.com", "A"));
    }

    [Fact]
    public async Task Nsupdate_GrantedKeyFailingPrerequisite_PrerequisiteRcode()
    {
        await Fails("prereq nxdomain www.example.com\nupdate add probe2.example.com 60 A 192.0.2.1", "YXDOMAIN");
    }

    [Fact]
    public async Task Nsupdate_UnknownKey_NotAuthBadKey()
    {
        ToolResult r = await _server.NsupdateAsync("update add badkey.example.com 60 A 192.0.2.1",
            "hmac-sha256:nosuchkey:" + SplitDnsProcess.Secret);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Empty(await _server.ShortAsync("badkey.example.com", "A"));
        Assert.Contains("BADKEY", _server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_WrongSecret_NotAuthBadSig()
    {
        ToolResult r = await _server.NsupdateAsync("update add badsig.example.com 60 A 192.0.2.1",
            "hmac-sha256:" + SplitDnsProcess.KeyName + ":d3Jvbmd3cm9uZ3dyb25nd3Jvbmc=");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Empty(await _server.ShortAsync("badsig.example.com", "A"));
        Assert.Contains("BADSIG", _server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_SignedTenMinutesAgo_NotAuthBadTime()
    {
        var m = new DnsMessage();
        m.Header.Id = 99;
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        m.Authority.Add(new ResourceRecord(DnsName.Parse("badtime.example.com."), 60, new ARdata(System.Net.IPAddress.Parse("192.0.2.1"))));
        TsigKey key = TsigKey.Parse(SplitDnsProcess.KeySpec);
        ulong skewed = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;

        byte[] response = (await DnsWire.ExchangeTcpAsync(_server.EndPoint, DnsWire.Sign(m.ToArray(), key, skewed)))[0];

        var parsed = DnsMessage.Parse(response);
        Assert.Equal(DnsRcode.NotAuth, parsed.Rcode);
        Assert.Equal((ushort)DnsRcode.BadTime, ((TsigRdata)parsed.Tsig!.Data).Error);
        Assert.Empty(await _server.ShortAsync("badtime.example.com", "A"));
    }

    [Fact]
    public async Task Knsupdate_AddAndDelete_VisibleToDig()
    {
        string script = $"server {_server.Address} {_server.Port}\nzone example.com.\nkey hmac-sha256:{SplitDnsProcess.KeyName}:{SplitDnsProcess.Secret}\n"
            + "update add knot.example.com. 120 AAAA 2001:db8::1\nsend\n";
        ToolResult add = await ClientTool.RunAsync("knsupdate", [], script, TimeSpan.FromSeconds(20));
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(["2001:db8::1"], await _server.ShortAsync("knot.example.com", "AAAA"));

        ToolResult del = await ClientTool.RunAsync("knsupdate", [], script.Replace("update add knot.example.com. 120", "update delete knot.example.com.", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Empty(await _server.ShortAsync("knot.example.com", "AAAA"));
    }
}
