using SplitDns.Blocking;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Blocking;

/// <summary>
/// One view's blocking at run time: its lists as bit masks over the shared index (views with the
/// same lists share the index itself, only the masks differ), its prepared answers, and a
/// temporary switch-off (<see cref="DisableFor"/>) that ends by itself.
/// </summary>
public sealed class ViewBlocking
{
    private readonly TimeProvider _time;
    private long _disabledUntilTicks;

    public ViewBlocking(string view, ViewBlockingSettings settings, BlocklistCatalog catalog, IReadOnlyList<string> listNames, TimeProvider time)
    {
        View = view;
        Settings = settings;
        _time = time;
        BlockMask = Mask(settings.Lists, catalog);
        AllowMask = Mask(settings.Allowlists, catalog);
        ListNames = listNames;
        Answers = new BlockedAnswers(settings, listNames);
    }

    public string View { get; }

    public ViewBlockingSettings Settings { get; }

    /// <summary>Bit i set: catalog list i blocks for this view.</summary>
    public uint BlockMask { get; }

    /// <summary>Bit i set: catalog list i allows for this view (allowlists win).</summary>
    public uint AllowMask { get; }

    /// <summary>Every catalog list name by index (metric labels, EDE texts).</summary>
    public IReadOnlyList<string> ListNames { get; }

    public BlockedAnswers Answers { get; }

    /// <summary>When a temporary switch-off ends; null when blocking is on (or never was switched off).</summary>
    public DateTimeOffset? DisabledUntil
    {
        get
        {
            long until = Volatile.Read(ref _disabledUntilTicks);
            return until > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        }
    }

    /// <summary>True when this view blocks now: it has lists and is not switched off.</summary>
    public bool IsActive => BlockMask != 0 && Volatile.Read(ref _disabledUntilTicks) <= _time.GetUtcNow().UtcTicks;

    /// <summary>Switches blocking off for <paramref name="duration"/>; returns when it comes back on.</summary>
    public DateTimeOffset DisableFor(TimeSpan duration)
    {
        DateTimeOffset until = _time.GetUtcNow() + duration;
        Volatile.Write(ref _disabledUntilTicks, until.UtcTicks);
        return until;
    }

    /// <summary>Ends a temporary switch-off now.</summary>
    public void Enable() => Volatile.Write(ref _disabledUntilTicks, 0);

    private static uint Mask(IReadOnlyList<string> names, BlocklistCatalog catalog)
    {
        uint mask = 0;
        foreach (string name in names)
        {
            int i = catalog.IndexOf(name);
            if (i is >= 0 and < BlockingIndex.MaxLists)
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }
}
