namespace SplitDns.Server.Updates;

/// <summary>The store behind the zones (SplitDns:Store:Provider).</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file on local disk: one server (the default).</summary>
    Sqlite,

    /// <summary>One PostgreSQL database shared by every replica: each answers and accepts updates.</summary>
    Postgres,
}
