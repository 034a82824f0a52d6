using System.Net;
using SplitDns.Server.QueryLog;

namespace SplitDns.Integration.Tests.Api.Operations;

/// <summary>
/// IQueryLogStore.TopAsync on a real store (SQLite file, PostgreSQL cluster): GROUP BY over the
/// window, most frequent first, ties by key.
/// </summary>
public abstract class QueryLogTopTests : IAsyncLifetime
{
    private static readonly DateTime s_now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private IQueryLogStore _store = null!;

    protected abstract Task<IQueryLogStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(default);
        await _store.WriteAsync(
        [
            Row("a.test.", "192.168.1.20"), Row("a.test.", "192.168.1.20"), Row("a.test.", "192.168.1.21"),
            Row("b.test.", "192.168.1.21"), Row("b.test.", "2001:db8::7"),
            Row("ads.test.", "192.168.1.20", "blocked"),
            Row("old.test.", "10.0.0.1", secondsAgo: 7200), Row("old.test.", "10.0.0.1", secondsAgo: 7200),
            Row("old.test.", "10.0.0.1", "blocked", secondsAgo: 7200),
        ], default);
    }

    public virtual async Task DisposeAsync() => await _store.DisposeAsync();

    private static QueryLogRow Row(string name, string client, string source = "authoritative", int secondsAgo = 0) => new()
    {
        Time = s_now.AddSeconds(-secondsAgo),
        Client = IPAddress.Parse(client),
        ClientPort = 40000,
        Transport = "udp",
        View = "home",
        Name = name,
        QType = 1,
        QClass = 1,
        Rcode = source == "blocked" ? 3 : 0,
        Source = source,
        BlockedList = source == "blocked" ? "ads" : null,
        ResponseSize = 60,
        DurationMicroseconds = 12,
    };

    [Fact]
    public async Task TopAsync_Names_LastHourMostFrequentFirst()
    {
        IReadOnlyList<QueryLogCount> top = await _store.TopAsync(QueryLogTopKind.Names, s_now.AddHours(-1), 10, default);

        Assert.Equal([new("a.test.", 3), new("b.test.", 2), new("ads.test.", 1)], top);
    }

    [Fact]
    public async Task TopAsync_Clients_AddressesAsText()
    {
        IReadOnlyList<QueryLogCount> top = await _store.TopAsync(QueryLogTopKind.Clients, s_now.AddHours(-1), 2, default);

        Assert.Equal([new("192.168.1.20", 3), new("192.168.1.21", 2)], top);
    }

    [Fact]
    public async Task TopAsync_BlockedNames_OnlyBlockedInTheWindow()
    {
        IReadOnlyList<QueryLogCount> top = await _store.TopAsync(QueryLogTopKind.BlockedNames, s_now.AddHours(-1), 10, default);
        IReadOnlyList<QueryLogCount> all = await _store.TopAsync(QueryLogTopKind.BlockedNames, s_now.AddHours(-3), 10, default);

        Assert.Equal([new("ads.test.", 1)], top);
        Assert.Equal([new("ads.test.", 1), new("old.test.", 1)], all);
    }
}
