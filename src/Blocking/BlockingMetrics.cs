using System.Diagnostics.Metrics;

namespace SplitDns.Blocking;

/// <summary>
/// The "SplitDns.Blocking" meter: per-list gauges read from the current states, the index size,
/// and refreshes counted by list and result.
/// </summary>
internal sealed class BlockingMetrics : IDisposable
{
    private readonly Counter<long> _refreshes;

    public BlockingMetrics(Func<IReadOnlyList<BlocklistState>> lists, Func<BlockingIndex> index)
    {
        Meter = new Meter("SplitDns.Blocking");
        Meter.CreateObservableGauge("splitdns.blocking.list.entries", () => PerList(lists(), s => s.Entries),
            "{name}", "Distinct names of each list's serving copy");
        Meter.CreateObservableGauge("splitdns.blocking.list.invalid_lines", () => PerList(lists(), s => s.InvalidLines),
            "{line}", "Invalid lines of each list's serving copy");
        Meter.CreateObservableGauge("splitdns.blocking.list.last_success", () => LastSuccess(lists()),
            "s", "When each list was last loaded or confirmed current (Unix seconds)");
        Meter.CreateObservableGauge("splitdns.blocking.index.names", () => (long)index().Count,
            "{name}", "Distinct names in the blocking index (all lists)");
        _refreshes = Meter.CreateCounter<long>("splitdns.blocking.refreshes", "{refresh}", "List refreshes by result (updated, not_modified, failed)");
    }

    public Meter Meter { get; }

    public void Refreshed(string list, RefreshResult result) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>("list", list), new KeyValuePair<string, object?>("result", Label(result)));

    public static string Label(RefreshResult result) => result switch
    {
        RefreshResult.Updated => "updated",
        RefreshResult.NotModified => "not_modified",
        _ => "failed",
    };

    private static List<Measurement<long>> PerList(IReadOnlyList<BlocklistState> lists, Func<BlocklistState, int> value)
    {
        var result = new List<Measurement<long>>(lists.Count);
        foreach (BlocklistState s in lists)
        {
            result.Add(new Measurement<long>(value(s), new KeyValuePair<string, object?>("list", s.Name)));
        }

        return result;
    }

    private static List<Measurement<long>> LastSuccess(IReadOnlyList<BlocklistState> lists)
    {
        var result = new List<Measurement<long>>(lists.Count);
        foreach (BlocklistState s in lists)
        {
            if (s.LastSuccess is { } at)
            {
                result.Add(new Measurement<long>(at.ToUnixTimeSeconds(), new KeyValuePair<string, object?>("list", s.Name)));
            }
        }

        return result;
    }

    public void Dispose() => Meter.Dispose();
}
