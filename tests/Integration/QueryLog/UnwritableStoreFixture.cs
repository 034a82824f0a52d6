namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>A SQLite log path that can never be opened: its folder would be a regular file (works as root too).</summary>
public sealed class UnwritableStoreFixture : QueryLogServerFixture
{
    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
        $"--SplitDns:QueryLog:Path={Folder}/ads.hosts/querylog.db",
    ];
}
