using System.Diagnostics.Metrics;

namespace SplitDns.Server.Metrics;

public sealed partial class DnsServerMetrics
{
    private static readonly string[] s_limits =
    [
        "tcp_connections", "tcp_connections_per_client", "tcp_message_timeout", "tcp_idle_timeout",
        "tcp_queries_per_connection", "udp_queries_in_flight", "transfers_out", "update_size",
    ];

    private readonly Counter<long> _limited;

    /// <summary>A limit was hit once. Allocates nothing.</summary>
    public void RecordLimited(LimitKind limit) =>
        _limited.Add(1, new KeyValuePair<string, object?>("limit", LimitLabel(limit)));

    /// <summary>Adds 0 to every limit's series so Prometheus sees them before the first hit.</summary>
    private void PublishLimitZeroSeries()
    {
        foreach (LimitKind limit in Enum.GetValues<LimitKind>())
        {
            _limited.Add(0, new KeyValuePair<string, object?>("limit", LimitLabel(limit)));
        }
    }

    /// <summary>Times a resource limit was hit, by limit (Prometheus <c>splitdns_limited_total</c>).</summary>
    private static Counter<long> CreateLimited(Meter meter) => meter.CreateCounter<long>("splitdns.limited",
        description: "Times a resource limit was hit, by limit (SplitDns:Limits and the TCP caps)");

    internal static string LimitLabel(LimitKind limit) => (int)limit < s_limits.Length ? s_limits[(int)limit] : "other";
}
