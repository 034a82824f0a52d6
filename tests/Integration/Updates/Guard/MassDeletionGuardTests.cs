using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Admin;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates.Guard;
using SplitDns.Tests.Shared;

namespace SplitDns.Integration.Tests.Updates.Guard;

/// <summary>
/// The mass-deletion guard end to end: nsupdate with a TSIG key (and one hand-made signed UPDATE with OPT, for the EDE) against the running
/// server, the zone checked with AXFR, the alert in /metrics and the log, approval through the
/// API and the CLI. Each test has its own zone (20 hosts + NS + ns1 A: the key owns 22 records).
/// </summary>
public sealed class MassDeletionGuardTests(GuardServer server) : IClassFixture<GuardServer>
{
    [Fact]
    public async Task Update_Deleting16Of22_HeldRefusedZoneUnchangedMetricAndLogThenApiApprovalLetsRetryThrough()
    {
        const string zone = "hold.test";
        string script = GuardServer.Deletes(zone, 0, 16);

        ToolResult held = await server.NsupdateAsync(zone, script);

        Assert.True(held.ExitCode != 0, held.ToString());
        Assert.Contains("REFUSED", held.Output, StringComparison.Ordinal);
        Assert.Equal(GuardServer.Hosts, await server.HostsLeftAsync(zone));
        string metrics = await server.MetricsAsync();
        Assert.Contains("splitdns_update_mass_deletion_held_total{zone=\"hold.test.\",view=\"\",key=\"externaldns.\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("splitdns_update_mass_deletion_holding{zone=\"hold.test.\",view=\"\",key=\"externaldns.\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains(server.LogLines, l => l.StartsWith("Warning 5090 ", StringComparison.Ordinal)
            && l.Contains("key externaldns. would delete 16 of 22 records in zone hold.test.", StringComparison.Ordinal));

        using HttpClient http = server.Client();
        JsonElement list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/guard/held")).RootElement;
        JsonElement entry = list.GetProperty("held").EnumerateArray().Single(h => h.GetProperty("zone").GetString() == "hold.test.");
        Assert.Equal(16, entry.GetProperty("deleting").GetInt32());
        Assert.Equal(22, entry.GetProperty("owned").GetInt32());
        Assert.Equal("externaldns.", entry.GetProperty("key").GetString());

        HttpResponseMessage approve = await http.PostAsJsonAsync("/api/v1/guard/approve", new { zone, key = "externaldns" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        ToolResult retry = await server.NsupdateAsync(zone, script);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(GuardServer.Hosts - 16, await server.HostsLeftAsync(zone));
        JsonElement after = JsonDocument.Parse(await http.GetStringAsync("/api/v1/guard/held")).RootElement;
        Assert.DoesNotContain(after.GetProperty("held").EnumerateArray(), h => h.GetProperty("zone").GetString() == "hold.test.");
    }

    [Fact]
    public async Task SignedUpdateWithEdns_MassDeletion_RefusedWithEde18NamingKeyZoneCountsAndTheApproveCommand()
    {
        // nsupdate and knsupdate send UPDATE without OPT (so the answer has no EDE): hand-made, signed.
        const string zone = "ede.test";
        var m = new DnsMessage();
        m.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue);
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse(zone + "."), RecordType.SOA));
        for (int h = 0; h < 18; h++)
        {
            // RFC 2136 §2.5.2: delete an RRset (class ANY, TTL 0, no RDATA).
            m.Authority.Add(new ResourceRecord(DnsName.Parse($"h{h}.{zone}."), RecordType.A, DnsClass.Any, 0, new UnknownRdata(RecordType.A, [])));
        }

        m.Edns = new EdnsRecord { UdpPayloadSize = 1232 };
        var key = TsigKey.FromBase64(GuardServer.KeyName + ".", TsigAlgorithm.HmacSha256, GuardServer.Secret);

        DnsMessage reply = DnsMessage.Parse(await DnsWire.ExchangeUdpAsync(server.EndPoint, DnsWire.Sign(m.ToArray(), key, DnsWire.Now)));

        Assert.Equal(DnsRcode.Refused, reply.Rcode);
        ExtendedDnsError ede = Assert.Single(reply.Edns!.GetExtendedErrors());
        Assert.Equal(ExtendedDnsErrorCode.Prohibited, ede.Code);
        Assert.StartsWith("mass deletion held: key externaldns. would delete 18 of 22 records in zone ede.test.", ede.Text, StringComparison.Ordinal);
        Assert.Contains("splitdns guard approve --zone ede.test. --key externaldns.", ede.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Tsig);
        Assert.Equal(GuardServer.Hosts, await server.HostsLeftAsync(zone));
    }

    [Fact]
    public async Task Burst_SmallDeletesAddingUp_TheCrossingUpdateIsHeld()
    {
        const string zone = "burst.test";

        // 3, 6, 9 deleted: under the 10-record minimum, each passes.
        for (int i = 0; i < 3; i++)
        {
            ToolResult ok = await server.NsupdateAsync(zone, GuardServer.Deletes(zone, i * 3, i * 3 + 3));
            Assert.True(ok.ExitCode == 0, ok.ToString());
        }

        // 12 of 22 (the 9 already deleted count as owned when the burst began): held.
        ToolResult held = await server.NsupdateAsync(zone, GuardServer.Deletes(zone, 9, 12));

        Assert.True(held.ExitCode != 0, held.ToString());
        Assert.Contains("REFUSED", held.Output, StringComparison.Ordinal);
        Assert.Equal(GuardServer.Hosts - 9, await server.HostsLeftAsync(zone));
        Assert.Contains(server.LogLines, l => l.Contains("would delete 12 of 22 records in zone burst.test.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmallShare_12Of62Deleted_Passes()
    {
        ToolResult r = await server.NsupdateAsync("big.test", GuardServer.Deletes("big.test", 0, 12));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(60 - 12, await server.HostsLeftAsync("big.test"));
    }

    [Fact]
    public async Task Disabled_GrantOffAndNonPresetKey_MassDeletionsPass()
    {
        ToolResult preset = await server.NsupdateAsync("off.test", GuardServer.Deletes("off.test", 0, 10));
        ToolResult other = await server.NsupdateAsync("off.test", GuardServer.Deletes("off.test", 10, 20), key: "other");

        Assert.True(preset.ExitCode == 0, preset.ToString());
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.Equal(0, await server.HostsLeftAsync("off.test"));
    }

    [Fact]
    public async Task Cli_ListShowsTheHold_ApproveLetsRetryThrough()
    {
        const string zone = "cli.test";
        string script = GuardServer.Deletes(zone, 0, 20);
        Assert.NotEqual(0, (await server.NsupdateAsync(zone, script)).ExitCode);
        string url = server.Http.ToString();

        var list = new StringWriter();
        var errors = new StringWriter();
        Assert.True(GuardCommand.Run(["list", "--url", url, "--token", GuardServer.AdminToken], list, errors) == 0, errors.ToString());
        Assert.Contains("cli.test. key externaldns.: would delete 20 of 22 records, held 1 times", list.ToString(), StringComparison.Ordinal);

        var approved = new StringWriter();
        int exit = GuardCommand.Run(["approve", "--url", url, "--token", GuardServer.AdminToken, "--zone", zone, "--key", "externaldns", "--minutes", "5"],
            approved, errors);
        Assert.True(exit == 0, errors.ToString());
        Assert.StartsWith("approved until ", approved.ToString(), StringComparison.Ordinal);

        ToolResult retry = await server.NsupdateAsync(zone, script);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(0, await server.HostsLeftAsync(zone));
    }

    [Fact]
    public async Task ApprovalStoredByAnotherReplica_HeldUpdateFindsItAndGoesThrough()
    {
        const string zone = "replica.test";
        string script = GuardServer.Deletes(zone, 0, 15);
        Assert.NotEqual(0, (await server.NsupdateAsync(zone, script)).ExitCode);

        // What another replica's POST /guard/approve writes to the shared admin store.
        IAdminStore admin = server.Services.GetRequiredService<IAdminStore>();
        string body = JsonSerializer.Serialize(new { zone = "replica.test.", view = "", key = "externaldns.",
            expires = DateTimeOffset.UtcNow.AddMinutes(5), approved_by = "api:elsewhere", approved = DateTimeOffset.UtcNow });
        await admin.PutAsync(MassDeletionGuard.ApprovalKind, "|replica.test.|externaldns.", body, CancellationToken.None);

        // This replica never saw the approval: only the look-up after the hold lets the retry through.
        ToolResult retry = await server.NsupdateAsync(zone, script);

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(GuardServer.Hosts - 15, await server.HostsLeftAsync(zone));
    }

    [Theory]
    [InlineData("approve", "--url", "http://127.0.0.1:9", "--token", "t", "--zone", "x.test")]
    [InlineData("approve", "--url", "http://127.0.0.1:9", "--token", "t", "--zone", "x.test", "--key", "k", "--minutes", "0")]
    [InlineData("list", "--url", "http://127.0.0.1:9")]
    [InlineData("drop", "--url", "http://127.0.0.1:9", "--token", "t")]
    public void Cli_BadArguments_Exit2(params string[] args)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, GuardCommand.Run(args, new StringWriter(), stderr));
        Assert.Contains("splitdns guard:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ApproveUnknownZoneOrReaderToken_Refused()
    {
        using HttpClient http = server.Client();
        HttpResponseMessage unknown = await http.PostAsJsonAsync("/api/v1/guard/approve", new { zone = "nope.test", key = "externaldns" });
        HttpResponseMessage noKey = await http.PostAsJsonAsync("/api/v1/guard/approve", new { zone = "hold.test" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
    }
}
