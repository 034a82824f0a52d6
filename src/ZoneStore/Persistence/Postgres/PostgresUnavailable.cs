using System.Net.Sockets;
using Npgsql;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// Sorts database errors into "the server cannot be reached" (thrown as
/// <see cref="ZoneStoreUnavailableException"/>: the caller retries later) and everything else
/// (a bug or a schema problem: propagated as is).
/// </summary>
internal static class PostgresUnavailable
{
    /// <summary>
    /// True for a lost or refused connection, a timeout, and the server states that mean
    /// "not now": class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown,
    /// 57P03 cannot connect now (starting, recovering), 53300 too many connections.
    /// </summary>
    public static bool Is(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.IsTransient || (npgsql.InnerException is { } inner && Is(inner)),
        SocketException or TimeoutException or EndOfStreamException => true,
        IOException io => io.InnerException is null || Is(io.InnerException),
        _ => false,
    };

    /// <param name="commitSent">The connection broke after COMMIT went out: the change may or may not be stored.</param>
    public static ZoneStoreUnavailableException Wrap(Exception ex, string server, bool commitSent = false) =>
        new(commitSent
            ? $"PostgreSQL store at {server} became unavailable during COMMIT (outcome unknown; a retry sees the stored serial): {Reason(ex)}"
            : $"PostgreSQL store at {server} is unavailable: {Reason(ex)}", ex);

    private static string Reason(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException or PostgresException or TimeoutException)
            {
                return e.Message;
            }
        }

        return ex.Message;
    }
}
