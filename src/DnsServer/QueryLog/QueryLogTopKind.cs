namespace SplitDns.Server.QueryLog;

/// <summary>What <see cref="IQueryLogStore.TopAsync"/> counts.</summary>
public enum QueryLogTopKind
{
    /// <summary>Question names, every query.</summary>
    Names,

    /// <summary>Client addresses, every query.</summary>
    Clients,

    /// <summary>Question names of blocked queries.</summary>
    BlockedNames,
}
