using System.Collections.Concurrent;
using Npgsql;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Persistence.Postgres;
using static SplitDns.ZoneStore.Tests.TestRecords;

namespace SplitDns.ZoneStore.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class PostgresChangeListenerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan s_eventWait = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingLogger _logger = new();
    private readonly BlockingCollection<(ZoneKey Zone, uint Serial)> _changes = [];
    private string _connectionString = "";
    private PostgresChangeListener _listener = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.Cluster.CreateDatabaseAsync("listen");
        _listener = new PostgresChangeListener(_connectionString, _logger);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _listener.Connected += () => connected.TrySetResult();
        _listener.Changed += (zone, serial) => _changes.Add((zone, serial));
        _run = _listener.RunAsync(_stop.Token);
        await connected.Task.WaitAsync(s_eventWait);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(s_eventWait);
        await _listener.DisposeAsync();
        _stop.Dispose();
        _changes.Dispose();
    }

    private (ZoneKey Zone, uint Serial) NextChange()
    {
        Assert.True(_changes.TryTake(out var change, s_eventWait), "no notification arrived");
        return change;
    }

    private async Task NotifyAsync(string payload)
    {
        await using var c = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_notify($1, $2);", c);
        cmd.Parameters.AddWithValue(ZoneChangeNotification.Channel);
        cmd.Parameters.AddWithValue(payload);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Changed_CommitsByAnotherStoreInstance_ReportedWithZoneAndSerial()
    {
        await using var store = new PostgresZoneStore(_connectionString);
        await store.InitializeAsync(default);
        var view = new ZoneKey("tailscale", Origin);

        await store.ReconcileFileAsync(view, Zone(), s_now, default);
        await store.CommitAsync([
            new ZoneCommit(view, 100, 101, [Rr("@ 3600 SOA ns1 hostmaster 100 7200 900 1209600 300")],
                [Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300")], RecordProvenance.Api, null, "api", s_now),
            new ZoneCommit(view, 101, 102, [Rr("@ 3600 SOA ns1 hostmaster 101 7200 900 1209600 300")],
                [Rr("@ 3600 SOA ns1 hostmaster 102 7200 900 1209600 300")], RecordProvenance.Api, null, "api", s_now),
        ], default);
        await store.ReconcileFileAsync(Origin, Zone(), s_now, default);

        Assert.Equal((view, 100u), NextChange());
        Assert.Equal((view, 102u), NextChange());
        Assert.Equal((ZoneKey.Shared(Origin), 100u), NextChange());
        Assert.True(_listener.IsConnected);
    }

    [Fact]
    public async Task Changed_MalformedPayload_LoggedAndIgnored()
    {
        await NotifyAsync("no-slash-here 5");
        await NotifyAsync("/example.com. not-a-serial");
        await NotifyAsync("/example.com. 7");

        Assert.Equal((ZoneKey.Shared(Origin), 7u), NextChange());
        Assert.Equal(2, _logger.Entries.Count(e => e.Id == 5104));
        Assert.Contains(_logger.Entries, e => e.Message.Contains("'no-slash-here 5'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changed_HandlerThrows_LoggedAndNextNotificationStillArrives()
    {
        _listener.Changed += (_, serial) =>
        {
            if (serial == 1)
            {
                throw new InvalidOperationException("subscriber bug");
            }
        };

        await NotifyAsync("/example.com. 1");
        await NotifyAsync("/example.com. 2");

        Assert.Equal(1u, NextChange().Serial);
        Assert.Equal(2u, NextChange().Serial);
        Assert.Contains(_logger.Entries, e => e.Id == 5105);
        Assert.True(_listener.IsConnected);
    }
}
