using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// One upstream server: its transport plus health. After
/// <see cref="UpstreamHealthOptions.FailuresBeforeDown"/> consecutive failures it is marked down,
/// strategies skip it, and a background probe (". NS", exponential backoff) brings it back up,
/// so clients do not pay its timeout on every query. It also keeps a smoothed round-trip time
/// (EWMA, as RFC 6298 does for TCP) for the fastest strategy.
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    private static readonly DnsQuestion s_probe = new(DnsName.Root, RecordType.NS);

    private readonly UpstreamHealthOptions _health;
    private readonly TimeSpan _probeTimeout;
    private readonly ForwarderMetrics _metrics;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly CancellationTokenSource _disposed = new();
    private int _consecutiveFailures;
    private int _down;
    private double _smoothedRttMs;

    /// <param name="transportFactory">Builds the transport, given the callback it reports spoofed answers to.</param>
    public UpstreamServer(UpstreamEndpoint endpoint, Func<Action, IUpstreamTransport> transportFactory, UpstreamHealthOptions health,
        TimeSpan probeTimeout, ForwarderMetrics metrics, ILogger logger)
    {
        Endpoint = endpoint;
        Transport = transportFactory(OnSpoofed);
        _health = health;
        _probeTimeout = probeTimeout;
        _metrics = metrics;
        _logger = logger;
        Label = endpoint.Label;
        _tag = ForwarderMetrics.ServerTag(Label);
        PublishZeroSeries();
    }

    /// <summary>
    /// Adds 0 to this server's timeout and spoofed counters so they exist before the first one
    /// (Prometheus' <c>increase()</c> misses a series that first appears at 1). Called when the
    /// server is made and again by the exporter once it listens (servers made before it).
    /// </summary>
    public void PublishZeroSeries()
    {
        _metrics.UpstreamTimeouts.Add(0, _tag);
        _metrics.UpstreamSpoofed.Add(0, _tag);
    }

    public UpstreamEndpoint Endpoint { get; }

    public IUpstreamTransport Transport { get; }

    public string Label { get; }

    public bool IsUp => Volatile.Read(ref _down) == 0;

    /// <summary>Smoothed RTT in milliseconds; 0 until the first answer (so new servers get tried).</summary>
    public double SmoothedRttMs => Volatile.Read(ref _smoothedRttMs);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Sends the question once, waiting at most <paramref name="timeout"/>; never throws for network trouble.</summary>
    public async Task<UpstreamAttempt> QueryAsync(DnsQuestion question, bool dnssecOk, bool checkingDisabled,
        TimeSpan timeout, CancellationToken ct)
    {
        UpstreamQuery query = UpstreamQuery.Create(question, dnssecOk, checkingDisabled);
        long start = Stopwatch.GetTimestamp();
        _metrics.UpstreamQueries.Add(1, _tag);
        UpstreamExchange exchange = await Transport.TryExchangeAsync(query, timeout, ct).ConfigureAwait(false);
        switch (exchange.Status)
        {
            case UpstreamAttemptStatus.Cancelled:
                return new UpstreamAttempt(UpstreamAttemptStatus.Cancelled, this, null, "cancelled");
            case UpstreamAttemptStatus.TimedOut:
                _metrics.UpstreamTimeouts.Add(1, _tag);
                Log.UpstreamTimedOut(_logger, Label);
                RecordFailure(timeout.TotalMilliseconds);
                return new UpstreamAttempt(UpstreamAttemptStatus.TimedOut, this, null, "timed out");
            case UpstreamAttemptStatus.Answered:
                break;
            default:
                return Failed(exchange.ErrorKind ?? "Error", exchange.Error ?? "failed", timeout);
        }

        DnsMessage response;
        try
        {
            response = DnsMessage.Parse(exchange.Wire!);
        }
        catch (DnsFormatException e)
        {
            return Failed(nameof(DnsFormatException), e.Message, timeout);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        _metrics.UpstreamLatency.Record(elapsed.TotalSeconds, _tag);
        _metrics.UpstreamAnswers.Add(1, _tag, new KeyValuePair<string, object?>("rcode", RcodeText(response.Rcode)));
        if (response.Rcode is DnsRcode.NoError or DnsRcode.NxDomain)
        {
            RecordSuccess(elapsed.TotalMilliseconds);
            return new UpstreamAttempt(UpstreamAttemptStatus.Answered, this, response, null);
        }

        RecordFailure(timeout.TotalMilliseconds);
        return new UpstreamAttempt(UpstreamAttemptStatus.ErrorRcode, this, response, $"answered {RcodeText(response.Rcode)}");
    }

    private UpstreamAttempt Failed(string kind, string error, TimeSpan timeout)
    {
        _metrics.UpstreamErrors.Add(1, _tag, new KeyValuePair<string, object?>("kind", kind));
        Log.UpstreamFailed(_logger, Label, error);
        RecordFailure(timeout.TotalMilliseconds);
        return new UpstreamAttempt(UpstreamAttemptStatus.Failed, this, null, error);
    }

    /// <summary>Called by transports when an answer is discarded as spoofed.</summary>
    internal void OnSpoofed()
    {
        _metrics.UpstreamSpoofed.Add(1, _tag);
        Log.Spoofed(_logger, Label);
    }

    private void RecordSuccess(double ms)
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        double old = Volatile.Read(ref _smoothedRttMs);
        Volatile.Write(ref _smoothedRttMs, old == 0 ? ms : (0.75 * old) + (0.25 * ms));
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            Log.UpstreamUp(_logger, Label);
        }
    }

    private void RecordFailure(double penaltyMs)
    {
        int failures = Interlocked.Increment(ref _consecutiveFailures);
        double old = Volatile.Read(ref _smoothedRttMs);
        Volatile.Write(ref _smoothedRttMs, Math.Max(old, penaltyMs));
        if (failures >= _health.FailuresBeforeDown && Interlocked.CompareExchange(ref _down, 1, 0) == 0)
        {
            Log.UpstreamDown(_logger, Label, failures);
            _ = ProbeUntilUpAsync();
        }
    }

    private async Task ProbeUntilUpAsync()
    {
        TimeSpan delay = _health.ProbeInterval;
        try
        {
            while (!IsUp)
            {
                await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
                if (IsUp)
                {
                    return;
                }

                UpstreamAttempt probe = await QueryAsync(s_probe, false, false, _probeTimeout, _disposed.Token).ConfigureAwait(false);
                if (probe.Status == UpstreamAttemptStatus.Cancelled)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _health.MaxProbeInterval.Ticks));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed while down: nothing left to probe.
        }
    }

    internal static string RcodeText(DnsRcode rcode) => rcode switch
    {
        DnsRcode.NoError => "NOERROR",
        DnsRcode.FormErr => "FORMERR",
        DnsRcode.ServFail => "SERVFAIL",
        DnsRcode.NxDomain => "NXDOMAIN",
        DnsRcode.NotImp => "NOTIMP",
        DnsRcode.Refused => "REFUSED",
        _ => "RCODE" + ((int)rcode).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await Transport.DisposeAsync().ConfigureAwait(false);
    }
}
