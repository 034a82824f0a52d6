using System.Net;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>
/// What every query log store must do, run on SQLite (<see cref="SqliteQueryLogStoreTests"/>) and
/// PostgreSQL (<see cref="PostgresQueryLogStoreTests"/>): every field round-trips, each search
/// filter, paging, retention by age and by row count.
/// </summary>
public abstract class QueryLogStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTime Now = new(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);

    protected IQueryLogStore Store { get; private set; } = null!;

    protected abstract Task<IQueryLogStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(default);
        await Store.InitializeAsync(default); // a second start finds the schema current
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    protected static QueryLogRow Row(string name, string client = "192.168.1.20", int qtype = 1, int rcode = 0, string view = "home",
        string source = "authoritative", int secondsAgo = 0, string? list = null) => new()
        {
            Time = Now.AddSeconds(-secondsAgo),
            Client = IPAddress.Parse(client),
            ClientPort = 40000,
            Transport = "udp",
            View = view,
            Name = name,
            QType = qtype,
            QClass = 1,
            Rcode = rcode,
            Source = source,
            BlockedList = list,
            ResponseSize = 60,
            DurationMicroseconds = 12,
        };

    private async Task<List<string>> NamesAsync(QueryLogSearch search) =>
        (await Store.SearchAsync(search, default)).Rows.Select(r => r.Name).ToList();

    [Fact]
    public async Task Write_EveryField_ReadBackNewestFirst()
    {
        var row = new QueryLogRow
        {
            Time = new DateTime(2026, 12, 7, 5, 1, 2, DateTimeKind.Utc).AddTicks(1234560), // .123456 s: microseconds kept
            Client = IPAddress.Parse("2001:db8::7"),
            ClientPort = 53001,
            Transport = "tcp",
            View = "tailscale",
            Name = "www.example.com.",
            QType = 28,
            QClass = 1,
            Rcode = 2,
            Source = "forward_failed",
            BlockedList = null,
            Upstream = "udp://127.0.3.9:53",
            ResponseSize = 512,
            DurationMicroseconds = 3_000_123,
            ExtendedError = 22,
        };
        await Store.WriteAsync([Row("older.example.com."), row], default);

        QueryLogPage page = await Store.SearchAsync(new QueryLogSearch(), default);

        Assert.Equal(2, page.Rows.Count);
        Assert.Null(page.NextCursor);
        QueryLogRow read = page.Rows[0];
        Assert.Equal(row with { Id = read.Id }, read);
        Assert.Equal(IPAddress.Parse("192.168.1.20"), page.Rows[1].Client);
        Assert.Null(page.Rows[1].ExtendedError);
        Assert.True(read.Id > page.Rows[1].Id);
    }

    [Fact]
    public async Task Search_ByClient_AddressOrPrefixOfEitherFamily()
    {
        await Store.WriteAsync([Row("a.", "192.168.1.20"), Row("b.", "192.168.1.21"), Row("c.", "192.168.2.1"), Row("d.", "fd00::1"), Row("e.", "10.0.0.1")], default);

        Assert.Equal(["a."], await NamesAsync(new() { Client = IPNetwork.Parse("192.168.1.20/32") }));
        Assert.Equal(["b.", "a."], await NamesAsync(new() { Client = IPNetwork.Parse("192.168.1.0/24") }));
        Assert.Equal(["c.", "b.", "a."], await NamesAsync(new() { Client = IPNetwork.Parse("192.168.0.0/16") }));
        Assert.Equal(["d."], await NamesAsync(new() { Client = IPNetwork.Parse("fd00::/8") }));
        Assert.Equal(["e.", "c.", "b.", "a."], await NamesAsync(new() { Client = IPNetwork.Parse("0.0.0.0/0") }));
    }

    [Fact]
    public async Task Search_ByName_ExactOrNameAndBelow()
    {
        await Store.WriteAsync([Row("example.com."), Row("www.example.com."), Row("a.b.example.com."), Row("badexample.com."), Row("ex_ample.com.")], default);

        Assert.Equal(["www.example.com."], await NamesAsync(new() { Name = "WWW.Example.com" }));
        Assert.Equal(["a.b.example.com.", "www.example.com.", "example.com."], await NamesAsync(new() { Name = "example.com", NameAndBelow = true }));
        Assert.Empty(await NamesAsync(new() { Name = "exXample.com.", NameAndBelow = true }));
        Assert.Equal(["ex_ample.com."], await NamesAsync(new() { Name = "ex_ample.com", NameAndBelow = true }));
        Assert.Equal(5, (await NamesAsync(new() { Name = ".", NameAndBelow = true })).Count);
    }

    [Fact]
    public async Task Search_ByTypeRcodeViewAndBlocked()
    {
        await Store.WriteAsync(
        [
            Row("a.", qtype: 1), Row("aaaa.", qtype: 28), Row("nx.", rcode: 3), Row("pods.", view: "pods"),
            Row("ads.", source: "blocked", rcode: 3, list: "stevenblack"),
        ], default);

        Assert.Equal(["aaaa."], await NamesAsync(new() { QType = 28 }));
        Assert.Equal(["ads.", "nx."], await NamesAsync(new() { Rcode = 3 }));
        Assert.Equal(["pods."], await NamesAsync(new() { View = "pods" }));
        Assert.Equal(["ads."], await NamesAsync(new() { Blocked = true }));
        Assert.Equal(["pods.", "nx.", "aaaa.", "a."], await NamesAsync(new() { Blocked = false }));
        Assert.Equal(["nx."], await NamesAsync(new() { Rcode = 3, Blocked = false, View = "home" }));
    }

    [Fact]
    public async Task Search_ByTimeRange_FromInclusiveToExclusive()
    {
        await Store.WriteAsync([Row("old.", secondsAgo: 3600), Row("mid.", secondsAgo: 60), Row("new.", secondsAgo: 0)], default);

        Assert.Equal(["mid."], await NamesAsync(new() { From = Now.AddSeconds(-60), To = Now }));
        Assert.Equal(["new.", "mid."], await NamesAsync(new() { From = Now.AddMinutes(-2) }));
        Assert.Equal(["old."], await NamesAsync(new() { To = Now.AddMinutes(-2) }));
    }

    [Fact]
    public async Task Search_Cursor_PagesNewestFirstWithoutGapsOrRepeats()
    {
        await Store.WriteAsync([.. Enumerable.Range(0, 25).Select(i => Row($"n{i}.", secondsAgo: 25 - i))], default);
        var seen = new List<string>();
        long? cursor = null;
        for (int page = 0; page < 10; page++)
        {
            QueryLogPage result = await Store.SearchAsync(new() { Limit = 10, Cursor = cursor }, default);
            seen.AddRange(result.Rows.Select(r => r.Name));
            cursor = result.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"n{i}."), seen);
    }

    [Fact]
    public async Task DeleteOlderThan_RemovesOnlyOlderRows()
    {
        await Store.WriteAsync([Row("old1.", secondsAgo: 8 * 86400), Row("old2.", secondsAgo: 7 * 86400 + 1), Row("kept.", secondsAgo: 86400)], default);

        long deleted = await Store.DeleteOlderThanAsync(Now.AddDays(-7), default);

        Assert.Equal(2, deleted);
        Assert.Equal(["kept."], await NamesAsync(new()));
    }

    [Fact]
    public async Task Trim_KeepsTheNewestMaxRows()
    {
        await Store.WriteAsync([.. Enumerable.Range(0, 12).Select(i => Row($"n{i}."))], default);

        Assert.Equal(0, await Store.TrimAsync(100, default));
        Assert.Equal(7, await Store.TrimAsync(5, default));

        Assert.Equal(5, await Store.CountAsync(default));
        Assert.Equal(["n11.", "n10.", "n9.", "n8.", "n7."], await NamesAsync(new()));
    }
}
