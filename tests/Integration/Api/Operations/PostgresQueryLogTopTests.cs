using SplitDns.Integration.Tests.QueryLog;
using SplitDns.Server.QueryLog;
using SplitDns.Server.QueryLog.Postgres;

namespace SplitDns.Integration.Tests.Api.Operations;

public sealed class PostgresQueryLogTopTests(QueryLogPostgresFixture postgres) : QueryLogTopTests, IClassFixture<QueryLogPostgresFixture>
{
    protected override async Task<IQueryLogStore> CreateStoreAsync() =>
        new PostgresQueryLogStore(await postgres.Cluster.CreateDatabaseAsync("qtop"));
}
