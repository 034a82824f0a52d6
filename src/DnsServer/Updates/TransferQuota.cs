using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.Updates;

/// <summary>
/// Zone transfers served at once (SplitDns:Limits:TransfersOut, like BIND's transfers-out). A
/// transfer beyond it is REFUSED with EDE 0 before any of the zone is read; a secondary retries
/// at its SOA retry interval. Each refusal adds to <c>splitdns_limited_total{limit="transfers_out"}</c>.
/// </summary>
public sealed class TransferQuota
{
    /// <summary>The EXTRA-TEXT of the EDE sent with the REFUSED.</summary>
    public const string RefusedText = "too many zone transfers in progress; retry later";

    private readonly int _limit;
    private readonly DnsServerMetrics _metrics;
    private int _running;

    public TransferQuota(IOptions<ServerSettings> settings, DnsServerMetrics metrics)
    {
        _limit = settings.Value.Limits.TransfersOut;
        _metrics = metrics;
    }

    /// <summary>Transfers being served now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Takes a place; false (and the limit counted) when all are taken.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _running) <= _limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _running);
        _metrics.RecordLimited(LimitKind.TransfersOut);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _running);

    public string Describe() => $"{_limit} transfers already in progress (SplitDns:Limits:TransfersOut)";
}
