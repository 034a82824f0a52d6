using System.Diagnostics.Metrics;

namespace SplitDns.Server.Cookies;

/// <summary>
/// Cookie counters on the server's meter, observed at scrape time so every series exists from
/// start at 0: splitdns_cookies_total by result (valid, new: client cookie only, bad: a server
/// cookie that was wrong or expired) and splitdns_cookies_badcookie_total.
/// </summary>
public sealed class CookieMetrics
{
    private long _valid;
    private long _new;
    private long _bad;
    private long _badCookie;

    public CookieMetrics(Meter meter)
    {
        meter.CreateObservableCounter("splitdns.cookies", Observe, description: "Queries with a COOKIE option, by result");
        meter.CreateObservableCounter("splitdns.cookies.badcookie", () => Volatile.Read(ref _badCookie),
            description: "UDP queries answered BADCOOKIE (Cookies:RequireForUdp)");
    }

    internal void Count(bool valid, bool clientOnly) =>
        Interlocked.Increment(ref valid ? ref _valid : ref clientOnly ? ref _new : ref _bad);

    internal void CountBadCookie() => Interlocked.Increment(ref _badCookie);

    private IEnumerable<Measurement<long>> Observe() =>
    [
        new(Volatile.Read(ref _valid), new KeyValuePair<string, object?>("result", "valid")),
        new(Volatile.Read(ref _new), new KeyValuePair<string, object?>("result", "new")),
        new(Volatile.Read(ref _bad), new KeyValuePair<string, object?>("result", "bad")),
    ];
}
