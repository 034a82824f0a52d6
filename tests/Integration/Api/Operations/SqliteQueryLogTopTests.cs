using SplitDns.Server.QueryLog;
using SplitDns.Server.QueryLog.Sqlite;

namespace SplitDns.Integration.Tests.Api.Operations;

public sealed class SqliteQueryLogTopTests : QueryLogTopTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("splitdns-top-").FullName;

    protected override Task<IQueryLogStore> CreateStoreAsync() =>
        Task.FromResult<IQueryLogStore>(new SqliteQueryLogStore(Path.Combine(_folder, "querylog.db")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
