using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SplitDns.Forwarders.Cache;
using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders;

/// <summary>
/// The forwarding resolver: response cache in front, then the upstream group the caller routed
/// the name to (a view's conditional forwarder or upstream group; <see cref="Default"/> when
/// the caller does not route). Concurrent identical misses share one
/// upstream query; popular entries are refreshed shortly before they expire; when every
/// upstream fails an expired entry is served stale (RFC 8767) or the client gets SERVFAIL with
/// EDE 22, never silence, within <see cref="ForwardersOptions.Deadline"/>.
/// </summary>
public sealed partial class ForwardingResolver : IUpstreamResolver, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The EXTRA-TEXT of EDE 22 sent to clients. Which upstream failed and how (addresses, socket
    /// errors) is for operators only: it goes to the log (event 4106) and the per-upstream metrics.
    /// </summary>
    public const string NoUpstreamAnsweredText = "no upstream answered";

    /// <summary>The EXTRA-TEXT of EDE 0 when forwarding failed on a bug; the exception is logged (event 4108).</summary>
    public const string InternalErrorText = "internal error";

    private readonly UpstreamGroupFactory _groups;
    private readonly ResponseCache _cache;
    private readonly ForwardersOptions _options;
    private readonly ForwarderMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Func<long> _clockMs;
    private readonly ConcurrentDictionary<CacheKey, Task<ForwardResult>> _inflight = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ForwardAdmission _admission;

    private ForwardingResolver(UpstreamGroupFactory groups, ResponseCache cache, ForwardersOptions options,
        ForwarderMetrics metrics, ILogger logger, Func<long>? clockMs)
    {
        _groups = groups;
        _cache = cache;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _clockMs = clockMs ?? (static () => Environment.TickCount64);
        _admission = new ForwardAdmission(options.MaxInFlight, metrics.Meter);
        Default = CreateSet(options.Upstream, options.Strategy, options.Conditional);
    }

    /// <summary>The forwarder set of the options this resolver was created from (SplitDns:Forwarders).</summary>
    public ForwarderSet Default { get; }

    public ForwarderZoneTable Conditional => Default.Conditional;

    public UpstreamGroup? Upstream => Default.Upstream;

    /// <summary>The response cache (flush per name or entirely, e.g. from the HTTP API).</summary>
    public ResponseCache Cache => _cache;

    public ForwarderMetrics Metrics => _metrics;

    /// <summary>Adds 0 to every upstream server's timeout and spoofed counters (the exporter calls it once it listens).</summary>
    public void PublishZeroSeries()
    {
        _groups.PublishZeroSeries();
        _admission.PublishZeroSeries();
    }

    /// <summary>Resolves through the default set: the deepest conditional forwarder, else the upstream group.</summary>
    public ValueTask<ForwardResult> ResolveAsync(DnsQuestion question, bool dnssecOk, bool checkingDisabled, CancellationToken ct) =>
        Default.GroupFor(question.Name) is { } group
            ? ResolveAsync(group, question, dnssecOk, checkingDisabled, ct)
            : new ValueTask<ForwardResult>(ForwardResult.Failure(DnsRcode.Refused, ExtendedDnsErrorCode.NotSupported,
                "no upstream forwarders configured"));

    /// <summary>
    /// Resolves through <paramref name="group"/> (the caller routed the name already): the cache
    /// partition of that group first, then one shared upstream query per question.
    /// </summary>
    public ValueTask<ForwardResult> ResolveAsync(UpstreamGroup group, DnsQuestion question, bool dnssecOk, bool checkingDisabled,
        CancellationToken ct)
    {
        var key = new CacheKey(question.Name, question.Type, question.Class, dnssecOk, checkingDisabled, group.Id);
        long now = _clockMs();
        CachedResponse? entry = null;
        CacheLookup lookup = _options.Cache.Enabled ? _cache.TryGet(key, now, out entry) : CacheLookup.Miss;
        if (lookup == CacheLookup.Fresh)
        {
            _metrics.CacheHits.Add(1);
            MaybePrefetch(entry!, key, question, group, now);
            return new ValueTask<ForwardResult>(ForwardResult.FromCache(entry!, now));
        }

        _metrics.CacheMisses.Add(1);
        Task<ForwardResult> running = JoinOrStart(key, question, group);
        return new ValueTask<ForwardResult>(lookup == CacheLookup.Stale ? ResolveOrStaleAsync(running, entry!, ct) : running.WaitAsync(ct));
    }

    public bool TryResolveFromCache(DnsQuestion question, bool dnssecOk, bool checkingDisabled, out ForwardResult result)
    {
        if (Default.GroupFor(question.Name) is { } group)
        {
            return TryResolveFromCache(group, question, dnssecOk, checkingDisabled, out result);
        }

        result = default;
        return false;
    }

    /// <summary>A non-recursive lookup in <paramref name="group"/>'s cache partition; never sends anything upstream.</summary>
    public bool TryResolveFromCache(UpstreamGroup group, DnsQuestion question, bool dnssecOk, bool checkingDisabled, out ForwardResult result)
    {
        var key = new CacheKey(question.Name, question.Type, question.Class, dnssecOk, checkingDisabled, group.Id);
        long now = _clockMs();
        if (_options.Cache.Enabled && _cache.TryGet(key, now, out CachedResponse? entry) == CacheLookup.Fresh)
        {
            // Stale entries stay unused: RFC 8767 serves them only after upstreams failed, and none were asked.
            _metrics.CacheHits.Add(1);
            result = ForwardResult.FromCache(entry!, now);
            return true;
        }

        _metrics.CacheMisses.Add(1);
        result = default;
        return false;
    }

    /// <summary>Returns the in-flight query for this key, or starts one (the leader runs on its own deadline).</summary>
    private Task<ForwardResult> JoinOrStart(CacheKey key, DnsQuestion question, UpstreamGroup group, bool prefetch = false)
    {
        while (true)
        {
            if (_inflight.TryGetValue(key, out Task<ForwardResult>? running))
            {
                if (!prefetch)
                {
                    _metrics.Coalesced.Add(1);
                }

                return running;
            }

            // SplitDns:Forwarders:MaxInFlight: a new upstream exchange needs a place (joining one does not).
            if (!_admission.TryEnter())
            {
                return Task.FromResult(prefetch ? default : OverLimit(key));
            }

            // The leader outlives the client's wait: own the name's bytes.
            var owned = new DnsQuestion(DnsName.FromWire(question.Name.Wire), question.Type, question.Class);
            CacheKey ownedKey = key with { Name = owned.Name };
            var completion = new TaskCompletionSource<ForwardResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inflight.TryAdd(ownedKey, completion.Task))
            {
                _ = RunAsync(completion, ownedKey, owned, group);
                return completion.Task;
            }

            _admission.Exit();
        }
    }

    private async Task RunAsync(TaskCompletionSource<ForwardResult> completion, CacheKey key, DnsQuestion question, UpstreamGroup group)
    {
        ForwardResult result;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            deadline.CancelAfter(_options.Deadline);
            UpstreamOutcome outcome = await group.ResolveAsync(question, key.DnssecOk, key.CheckingDisabled, deadline.Token)
                .ConfigureAwait(false);
            result = Complete(key, question, outcome);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not upstream trouble: still answer, never leave the client in silence.
            Log.ForwardFailed(_logger, question.ToString(), e);
            result = ForwardResult.Failure(DnsRcode.ServFail, ExtendedDnsErrorCode.Other, InternalErrorText);
        }
        finally
        {
            _inflight.TryRemove(key, out _);
            _admission.Exit();
        }

        completion.SetResult(result);
    }

    private ForwardResult Complete(CacheKey key, DnsQuestion question, UpstreamOutcome outcome)
    {
        long now = _clockMs();
        if (outcome.Succeeded)
        {
            CachedResponse entry = CachedResponse.Create(outcome.Response!, key.DnssecOk, _options.Cache, now);
            _cache.Store(key, entry);
            return ForwardResult.FromUpstream(entry, now);
        }

        Log.AllFailed(_logger, question.ToString(), outcome.Failure);
        if (_options.Cache.Enabled && _cache.TryGet(key, now, out CachedResponse? stale) != CacheLookup.Miss)
        {
            if (stale!.ExpiresAtMs > now)
            {
                return ForwardResult.FromCache(stale, now);
            }

            _metrics.CacheStale.Add(1);
            return ForwardResult.Stale(stale, now, _options.Cache.StaleTtl, "upstreams unreachable");
        }

        return ForwardResult.Failure(DnsRcode.ServFail, ExtendedDnsErrorCode.NoReachableAuthority, NoUpstreamAnsweredText);
    }

    /// <summary>
    /// Refreshes a popular entry in the background once its remaining TTL drops below
    /// <see cref="ResponseCacheOptions.PrefetchPercent"/> of the original (Unbound's prefetch).
    /// </summary>
    private void MaybePrefetch(CachedResponse entry, CacheKey key, DnsQuestion question, UpstreamGroup group, long now)
    {
        int hits = entry.RecordHit();
        ResponseCacheOptions o = _options.Cache;
        if (o.PrefetchPercent <= 0 || entry.Ttl < o.PrefetchMinTtl || hits < o.PrefetchMinHits)
        {
            return;
        }

        long remainingMs = entry.ExpiresAtMs - now;
        if (remainingMs * 100 <= entry.Ttl * 1000L * o.PrefetchPercent && entry.TryBeginPrefetch())
        {
            _metrics.CachePrefetches.Add(1);
            _ = JoinOrStart(key, question, group, prefetch: true);
        }
    }

    /// <summary>Synchronous disposal for containers disposed synchronously (closing sockets does not block).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _groups.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }
}
