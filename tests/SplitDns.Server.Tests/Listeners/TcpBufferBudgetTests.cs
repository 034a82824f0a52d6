using SplitDns.Server.Listeners.Tcp;

namespace SplitDns.Server.Tests.Listeners;

/// <summary>A connection holds at most a few full-size buffers; requests and responses are counted apart.</summary>
public class TcpBufferBudgetTests
{
    [Fact]
    public async Task AcquireResponse_OverBudget_WaitsUntilOneIsReleased()
    {
        using var budget = new TcpBufferBudget();
        for (int i = 0; i < TcpBufferBudget.MaxLargeResponses; i++)
        {
            Assert.True(budget.AcquireResponseAsync(CancellationToken.None).IsCompletedSuccessfully);
        }

        ValueTask waiting = budget.AcquireResponseAsync(CancellationToken.None);
        bool waitedBeforeRelease = !waiting.IsCompleted;
        budget.ReleaseResponse();
        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedBeforeRelease);
    }

    [Fact]
    public void AcquireRequest_ResponsesExhausted_StillGranted()
    {
        using var budget = new TcpBufferBudget();
        for (int i = 0; i < TcpBufferBudget.MaxLargeResponses; i++)
        {
            _ = budget.AcquireResponseAsync(CancellationToken.None);
        }

        // A query holding a large request must never wait on large responses (no cycle).
        for (int i = 0; i < TcpBufferBudget.MaxLargeRequests; i++)
        {
            Assert.True(budget.AcquireRequestAsync(CancellationToken.None).IsCompletedSuccessfully);
        }

        Assert.False(budget.AcquireRequestAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task AcquireResponse_Cancelled_Throws()
    {
        using var budget = new TcpBufferBudget();
        for (int i = 0; i < TcpBufferBudget.MaxLargeResponses; i++)
        {
            _ = budget.AcquireResponseAsync(CancellationToken.None);
        }

        using var cts = new CancellationTokenSource();
        ValueTask waiting = budget.AcquireResponseAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
    }
}
