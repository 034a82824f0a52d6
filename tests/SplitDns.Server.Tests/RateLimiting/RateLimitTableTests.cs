using Microsoft.Extensions.Time.Testing;
using SplitDns.Server.RateLimiting;

namespace SplitDns.Server.Tests.RateLimiting;

public class RateLimitTableTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Account_WithinRate_SendsTheBurst()
    {
        var table = new RateLimitTable(64, window: 15, slip: 2, _clock);

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(RateDecision.Send, table.Account(42, rate: 5, out _));
        }
    }

    [Fact]
    public void Account_OverRate_DropsAndSlipsEverySecond()
    {
        var table = new RateLimitTable(64, window: 15, slip: 2, _clock);
        for (int i = 0; i < 5; i++)
        {
            table.Account(42, 5, out _);
        }

        Assert.Equal(RateDecision.Drop, table.Account(42, 5, out bool first));
        Assert.True(first);
        Assert.Equal(RateDecision.Slip, table.Account(42, 5, out first));
        Assert.False(first);
        Assert.Equal(RateDecision.Drop, table.Account(42, 5, out _));
        Assert.Equal(RateDecision.Slip, table.Account(42, 5, out _));
    }

    [Fact]
    public void Account_SlipZero_DropsEveryLimitedResponse()
    {
        var table = new RateLimitTable(64, window: 15, slip: 0, _clock);
        table.Account(7, 1, out _);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(RateDecision.Drop, table.Account(7, 1, out _));
        }
    }

    [Fact]
    public void Account_OtherKey_HasItsOwnBalance()
    {
        var table = new RateLimitTable(64, window: 15, slip: 2, _clock);
        table.Account(1, 1, out _);
        Assert.NotEqual(RateDecision.Send, table.Account(1, 1, out _));

        Assert.Equal(RateDecision.Send, table.Account(2, 1, out _));
    }

    [Fact]
    public void Account_AfterAQuietSecond_IsCreditedTheRate()
    {
        var table = new RateLimitTable(64, window: 15, slip: 2, _clock);
        table.Account(9, 2, out _);
        table.Account(9, 2, out _);
        Assert.NotEqual(RateDecision.Send, table.Account(9, 2, out _));

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(RateDecision.Send, table.Account(9, 2, out _));
    }

    [Fact]
    public void Account_FloodingClient_StaysLimitedUntilItsDebtIsPaid()
    {
        // BIND's window: the debt goes down to -window × rate, so 2 s of quiet do not forgive 100 queries.
        var table = new RateLimitTable(64, window: 10, slip: 0, _clock);
        for (int i = 0; i < 100; i++)
        {
            table.Account(5, 2, out _);
        }

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(RateDecision.Drop, table.Account(5, 2, out _));

        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(RateDecision.Send, table.Account(5, 2, out _));
    }

    [Fact]
    public void Account_MoreKeysThanSlots_EvictsTheOldestAndKeepsWorking()
    {
        var table = new RateLimitTable(4, window: 15, slip: 2, _clock);
        for (ulong key = 1; key <= 1000; key++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(RateDecision.Send, table.Account(key << 32, 1, out _));
        }

        Assert.Equal(4, table.Capacity);
    }
}
