namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// The store could not be reached (a shared database that is down, restarting or failing over).
/// Nothing was changed by the call that threw it; the caller answers SERVFAIL and tries again
/// later, while queries keep being answered from the published snapshots.
/// </summary>
public sealed class ZoneStoreUnavailableException : Exception
{
    public ZoneStoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public ZoneStoreUnavailableException()
    {
    }

    public ZoneStoreUnavailableException(string message)
        : base(message)
    {
    }
}
