namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>A queue that is never drained (capacity 4, the writer waits a minute): entries beyond 4 are dropped.</summary>
public sealed class FullQueueFixture : QueryLogServerFixture
{
    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:QueueCapacity=4",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=60000",
        $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
    ];
}
