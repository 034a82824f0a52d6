namespace SplitDns.Integration.Tests.Updates;

/// <summary>One server for the class, started from <see cref="ZoneFiles.Small"/>.</summary>
public sealed class SmallZoneServer : IAsyncLifetime
{
    internal SplitDnsProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SplitDnsProcess.StartAsync(ZoneFiles.Small);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>nsupdate -y against the running server, each change checked with dig.</summary>
public sealed partial class NsupdateTests : IClassFixture<SmallZoneServer>
{
    private readonly SplitDnsProcess _server;

    public NsupdateTests(SmallZoneServer fixture) => _server = fixture.Server;

    private async Task Ok(string script, string key = SplitDnsProcess.KeySpec)
    {
        ToolResult r = await _server.NsupdateAsync(script, key);
        Assert.True(r.ExitCode == 0, r + _server.Log);
    }

    private async Task Fails(string script, string rcode, string? key = SplitDnsProcess.KeySpec)
    {
        ToolResult r = await _server.NsupdateAsync(script, key);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(rcode, r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_AddThenDelete_VisibleToDigAndSerialBumped()
    {
        uint before = await _server.SerialAsync();
        await Ok("update add add1.example.com 300 A 192.0.2.1\nupdate add add1.example.com 300 A 192.0.2.2");
        Assert.Equal(["192.0.2.1", "192.0.2.2"], await _server.ShortAsync("add1.example.com", "A"));
        Assert.Equal(before + 1, await _server.SerialAsync());

        await Ok("update delete add1.example.com 300 A 192.0.2.1");
        Assert.Equal(["192.0.2.2"], await _server.ShortAsync("add1.example.com", "A"));

        await Ok("update delete add1.example.com A");
        Assert.Empty(await _server.ShortAsync("add1.example.com", "A"));
    }

    [Fact]
    public async Task Nsupdate_DuplicateAdd_NoSerialBump()
    {
        await Ok("update add dup.example.com 300 A 192.0.2.1");
        uint serial = await _server.SerialAsync();

        await Ok("update add dup.example.com 300 A 192.0.2.1");

        Assert.Equal(serial, await _server.SerialAsync());
    }

    [Fact]
    public async Task Nsupdate_ReplaceInOneMessage_OnlyNewValueLeft()
    {
        await Ok("update add repl.example.com 60 A 192.0.2.1");

        await Ok("update delete repl.example.com A\nupdate add repl.example.com 60 A 192.0.2.9");

        Assert.Equal(["192.0.2.9"], await _server.ShortAsync("repl.example.com", "A"));
    }

    [Fact]
    public async Task Nsupdate_TtlZeroAndTxtStrings_ServedExactly()
    {
        await Ok("update add txt.example.com 0 TXT \"heritage=external-dns,external-dns/owner=default\" \"second\"");

        ToolResult r = await _server.DigAsync("+noall", "+answer", "txt.example.com", "TXT");

        Assert.Contains("txt.example.com.\t0\tIN\tTXT\t\"heritage=external-dns,external-dns/owner=default\" \"second\"", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nsupdate_DeleteName_RemovesAllTypes()
    {
        await Ok("update add dn.example.com 60 A 192.0.2.1\nupdate add dn.example.com 60 TXT x");

        await Ok("update delete dn.example.com", SplitDnsProcess.AdminKeySpec);

        ToolResult r = await _server.DigAsync("dn.example.com", "ANY");
        Assert.Contains("NXDOMAIN", r.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prereq yxdomain www.example.com", true)]
    [InlineData("prereq nxdomain www.example.com", false)]
    [InlineData("prereq nxdomain free.example.com", true)]
    [InlineData("prereq yxrrset www.example.com A", true)]
    [InlineData("prereq yxrrset www.example.com AAAA", false)]
    [InlineData("prereq nxrrset www.example.com AAAA", true)]
    [InlineData("prereq nxrrset www.example.com A", false)]
    [InlineData("prereq yxrrset www.example.com A 192.0.2.80", true)]
    [InlineData("prereq yxrrset www.example.com A 192.0.2.81", false)]
    public async Task Nsupdate_Prerequisite_AppliedOnlyWhenItHolds(string prereq, bool holds)
    {
        string name = "pre" + Math.Abs(prereq.GetHashCode(StringComparison.Ordinal)) + ".example.com";

        ToolResult r = await _server.NsupdateAsync($"{prereq}\nupdate add {name} 60 A 192.0.2.5");

        Assert.Equal(holds, r.ExitCode == 0);
        Assert.Equal(holds ? ["192.0.2.5"] : [], await _server.ShortAsync(name, "A"));
        if (!holds)
        {
            string expected = prereq.Contains("yxdomain", StringComparison.Ordinal) ? "NXDOMAIN"
                : prereq.Contains("nxdomain", StringComparison.Ordinal) ? "YXDOMAIN"
                : prereq.Contains("nxrrset", StringComparison.Ordinal) ? "YXRRSET" : "NXRRSET";
            Assert.Contains(expected, r.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Nsupdate_CnameConflicts_IgnoredWithNoError()
    {
        await Ok("update add c1.example.com 60 CNAME www.example.com.");
        await Ok("update add c1.example.com 60 A 192.0.2.1");
        await Ok("update add a1.example.com 60 A 192.0.2.1");
        await Ok("update add a1.example.com 60 CNAME www.example.com.");

        Assert.Equal(["www.example.com."], await _server.ShortAsync("c1.example.com", "CNAME"));
        Assert.Equal(["192.0.2.1"], await _server.ShortAsync("a1.example.com", "A"));
        Assert.Empty(await _server.ShortAsync("a1.example.com", "CNAME"));
    }

    [Fact]
    public async Task Nsupdate_DeleteApexSoaAndNs_Protected()
    {
        await Ok("update delete example.com SOA\nupdate delete example.com NS", SplitDnsProcess.AdminKeySpec);
        await Ok("update delete example.com NS ns1.example.com.\nupdate delete example.com NS ns2.example.com.");

        Assert.Single(await _server.ShortAsync("example.com", "SOA"));
        Assert.Equal(["ns2.example.com."], await _server.ShortAsync("example.com", "NS"));
        await Ok("update add example.com 3600 NS ns1.example.com.");
    }
}
