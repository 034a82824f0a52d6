using SplitDns.ZoneStore.Persistence.Postgres;

namespace SplitDns.ZoneStore.Tests.Persistence;

public sealed class PostgresConnectionStringTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-pgcs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Resolve_Value_ReturnedTrimmed()
    {
        Assert.Equal("Host=127.0.0.1;Database=dns", PostgresConnectionString.Resolve(" Host=127.0.0.1;Database=dns ", null, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void Resolve_FileWithTrailingNewline_Trimmed()
    {
        string file = Path.Combine(_dir, "conn");
        File.WriteAllText(file, "Host=127.0.0.1;Username=dns;Password=s3cret\n");

        Assert.Equal("Host=127.0.0.1;Username=dns;Password=s3cret", PostgresConnectionString.Resolve(null, file, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, null, "no PostgreSQL connection string")]
    [InlineData("Host=127.0.0.1", "FILE", "not both")]
    [InlineData(null, "MISSING", "cannot read the connection string file")]
    [InlineData(null, "EMPTY", "is empty")]
    [InlineData("Hots=127.0.0.1", null, "cannot be parsed")]
    [InlineData("Database=dns", null, "names no Host")]
    [InlineData("Host=127.0.0.1;Port=abc", null, "cannot be parsed")]
    public void Resolve_Invalid_NullWithClearError(string? value, string? file, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "EMPTY"), "\n");
        File.WriteAllText(Path.Combine(_dir, "FILE"), "Host=127.0.0.1");
        string? path = file is null ? null : Path.Combine(_dir, file);

        Assert.Null(PostgresConnectionString.Resolve(value, path, out string? error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WithPassword_HostPortDatabaseOnly()
    {
        string described = PostgresConnectionString.Describe("Host=db.internal;Port=6432;Database=dns;Username=u;Password=s3cret");

        Assert.Equal("db.internal:6432/dns", described);
    }
}
