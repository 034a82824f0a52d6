using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Names;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// Drains <see cref="QueryLogRing"/> every FlushInterval into the store, BatchSize rows per
/// transaction, and applies retention (age, then MaxRows) every RetentionInterval. The store
/// failing never reaches the server: the batch is counted as failed and dropped, a warning is
/// logged at most once a minute, and the schema is retried every few seconds until it works.
/// </summary>
public sealed class QueryLogWriter : BackgroundService
{
    private static readonly TimeSpan s_retryInit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_warningEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_finalFlush = TimeSpan.FromSeconds(2);

    private readonly QueryLogSettings _settings;
    private readonly QueryLogRecorder _recorder;
    private readonly IQueryLogStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<UpstreamGroup, string> _upstreams = [];
    private bool _ready;
    private DateTimeOffset _nextInit;
    private DateTimeOffset _nextRetention;
    private DateTimeOffset _nextWarning;
    private long _suppressed;

    public QueryLogWriter(QueryLogSettings settings, QueryLogRecorder recorder, IQueryLogStore store, ILogger<QueryLogWriter> logger,
        TimeProvider? time = null)
    {
        _settings = settings;
        _recorder = recorder;
        _store = store;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueryLogRow>(Math.Min(_settings.BatchSize, _settings.QueueCapacity));
        await EnsureReadyAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A full batch waiting is written at once: under load the writer does not sleep
                // while the queue fills (and drops); otherwise it batches FlushInterval's worth.
                if (_recorder.Ring.Count < _settings.BatchSize)
                {
                    await Task.Delay(_settings.FlushInterval, _time, stoppingToken).ConfigureAwait(false);
                }

                await FlushAsync(batch, stoppingToken).ConfigureAwait(false);
                await RetainIfDueAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // What was queued before the stop still goes in, for a bounded time.
        using var final = new CancellationTokenSource(s_finalFlush);
        try
        {
            await FlushAsync(batch, final.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Writes everything queued now, one batch per transaction (at most one ring's worth).</summary>
    internal async Task FlushAsync(List<QueryLogRow> batch, CancellationToken ct)
    {
        QueryLogRing ring = _recorder.Ring;
        int maxBatches = (ring.Capacity / _settings.BatchSize) + 2;
        for (int i = 0; i < maxBatches; i++)
        {
            batch.Clear();
            while (batch.Count < _settings.BatchSize && ring.TryRead(out QueryLogEntry entry))
            {
                batch.Add(ToRow(in entry));
            }

            if (batch.Count == 0)
            {
                return;
            }

            await WriteAsync(batch, ct).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(List<QueryLogRow> batch, CancellationToken ct)
    {
        if (!await EnsureReadyAsync(ct).ConfigureAwait(false))
        {
            _recorder.Metrics.AddFailed(batch.Count);
            return;
        }

        try
        {
            await _store.WriteAsync(batch, ct).ConfigureAwait(false);
            _recorder.Metrics.AddWritten(batch.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _recorder.Metrics.AddFailed(batch.Count);
            _ready = false;
            Warn(batch.Count, ex);
        }
    }

    private async Task<bool> EnsureReadyAsync(CancellationToken ct)
    {
        if (_ready)
        {
            return true;
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (now < _nextInit)
        {
            return false;
        }

        try
        {
            await _store.InitializeAsync(ct).ConfigureAwait(false);
            _ready = true;
            Log.Ready(_logger, _store.Description, _settings.SampleRate, _settings.QueueCapacity);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _nextInit = now + s_retryInit;
            Warn(0, ex);
            return false;
        }
    }

    private void Warn(int rows, Exception ex)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now < _nextWarning)
        {
            _suppressed++;
            return;
        }

        Log.StoreFailed(_logger, _store.Description, rows, _suppressed, ex.Message);
        _suppressed = 0;
        _nextWarning = now + s_warningEvery;
    }

    private async Task RetainIfDueAsync(CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now < _nextRetention || !_ready)
        {
            return;
        }

        _nextRetention = now + _settings.RetentionInterval;
        try
        {
            long deleted = await _store.DeleteOlderThanAsync((now - _settings.Retention).UtcDateTime, ct).ConfigureAwait(false);
            deleted += await _store.TrimAsync(_settings.MaxRows, ct).ConfigureAwait(false);
            _recorder.Metrics.AddDeleted(deleted);
            Log.Retained(_logger, deleted, _store.Description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.RetentionFailed(_logger, _store.Description, ex.Message);
        }
    }

    /// <summary>The strings are made here, off the answering path.</summary>
    private QueryLogRow ToRow(in QueryLogEntry entry)
    {
        QueryLogEntry copy = entry;
        ReadOnlySpan<byte> wire = ((ReadOnlySpan<byte>)copy.Name)[..copy.NameLength];
        ReadOnlySpan<byte> client = ((ReadOnlySpan<byte>)copy.Client)[..copy.ClientLength];
        IPAddress address = client.Length is 4 or 16 ? new IPAddress(client) : IPAddress.IPv6Any;
        return new QueryLogRow
        {
            Time = new DateTime(copy.ReceivedTicks, DateTimeKind.Utc),
            Client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address,
            ClientPort = copy.ClientPort,
            Transport = MetricLabels.Transport(copy.Transport),
            View = copy.View ?? "",
            Name = NameText(wire),
            QType = copy.QType,
            QClass = copy.QClass,
            Rcode = copy.Rcode,
            Source = AnswerSourceText.ToText(copy.Source),
            BlockedList = copy.BlockedList,
            Upstream = copy.Upstream is { } group ? UpstreamText(group) : null,
            ResponseSize = copy.ResponseSize,
            DurationMicroseconds = copy.DurationMicroseconds,
            ExtendedError = copy.ExtendedError >= 0 ? copy.ExtendedError : null,
        };
    }

    private static string NameText(ReadOnlySpan<byte> wire)
    {
        try
        {
            return DnsName.FromWire(wire).ToString().ToLowerInvariant();
        }
        catch (Protocol.Wire.DnsFormatException)
        {
            return ".";
        }
    }

    private string UpstreamText(UpstreamGroup group)
    {
        if (!_upstreams.TryGetValue(group, out string? text))
        {
            text = string.Join(",", group.Servers.Select(s => s.Label));
            _upstreams[group] = text;
        }

        return text;
    }
}
