namespace SplitDns.Integration.Tests.QueryLog;

/// <summary>Retention every second: rows older than a day go, then all but the newest 5.</summary>
public sealed class RetentionFixture : QueryLogServerFixture
{
    protected override IEnumerable<string> QueryLogArgs =>
    [
        "--SplitDns:QueryLog:Enabled=true",
        "--SplitDns:QueryLog:FlushIntervalMilliseconds=50",
        "--SplitDns:QueryLog:RetentionDays=1",
        "--SplitDns:QueryLog:MaxRows=5",
        "--SplitDns:QueryLog:RetentionIntervalSeconds=1",
        $"--SplitDns:QueryLog:Path={Folder}/data/querylog.db",
    ];
}
