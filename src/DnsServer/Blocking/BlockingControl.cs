namespace SplitDns.Server.Blocking;

/// <summary>
/// The internal control surface of blocking (the HTTP API exposes it): switch a view's blocking
/// off for a while, back on, and read its state. Views are named as configured.
/// </summary>
public sealed class BlockingControl
{
    private readonly Dictionary<string, ViewBlocking> _views;

    public BlockingControl(IEnumerable<ViewBlocking> views) =>
        _views = views.ToDictionary(v => v.View, StringComparer.OrdinalIgnoreCase);

    /// <summary>The views that block (have lists), by name.</summary>
    public IReadOnlyCollection<string> Views => _views.Keys;

    /// <summary>Switches blocking off in <paramref name="view"/> for <paramref name="duration"/> (1 s to 1 day); returns when it comes back.</summary>
    public DateTimeOffset Disable(string view, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "blocking can be switched off for more than 0 and at most 24 hours");
        }

        return Get(view).DisableFor(duration);
    }

    /// <summary>Switches blocking in <paramref name="view"/> back on now.</summary>
    public void Enable(string view) => Get(view).Enable();

    /// <summary>When blocking in <paramref name="view"/> comes back on; null when it is on.</summary>
    public DateTimeOffset? DisabledUntil(string view) => Get(view).DisabledUntil;

    private ViewBlocking Get(string view) =>
        _views.TryGetValue(view, out ViewBlocking? v) ? v : throw new KeyNotFoundException($"view '{view}' does not block (no such view, or it has no blocking)");
}
