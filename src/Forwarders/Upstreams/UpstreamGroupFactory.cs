using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// Creates upstream groups, one per distinct (servers, strategy): a second request for the same
/// list returns the first group, so views that forward to the same servers share health state,
/// connections and cache entries. Owns every group it made (disposed together) and reports
/// their servers' up state.
/// </summary>
internal sealed class UpstreamGroupFactory : IAsyncDisposable
{
    private readonly ForwardersOptions _options;
    private readonly ForwarderMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<string, UpstreamGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<UpstreamServer> _servers = [];
    private readonly Lock _lock = new();

    public UpstreamGroupFactory(ForwardersOptions options, ForwarderMetrics metrics, ILogger logger)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveServers(UpState);
    }

    public UpstreamGroup GetOrCreate(IReadOnlyList<UpstreamEndpoint> endpoints, UpstreamStrategy strategy)
    {
        var signature = new StringBuilder(strategy.ToString());
        foreach (UpstreamEndpoint e in endpoints)
        {
            signature.Append(' ').Append(e.Label).Append(e.UseGet ? "#get" : string.Empty);
        }

        lock (_lock)
        {
            if (_groups.TryGetValue(signature.ToString(), out UpstreamGroup? existing))
            {
                return existing;
            }

            var servers = new List<UpstreamServer>(endpoints.Count);
            foreach (UpstreamEndpoint e in endpoints)
            {
                var server = new UpstreamServer(e,
                    spoofed => UpstreamTransportFactory.Create(e, _options.TrustedRoots, spoofed, _options.IdleTimeout,
                        _options.UdpPool, _options.Cookies),
                    _options.Health, _options.TryTimeout, _metrics, _logger);
                servers.Add(server);
                _servers.Add(server);
            }

            var group = new UpstreamGroup(servers, strategy, _options.TryTimeout, _options.Health.ExploreEvery)
            {
                Id = _groups.Count + 1,
                AllDownRetryInterval = _options.Health.ProbeInterval,
                Metrics = _metrics,
            };
            _groups.Add(signature.ToString(), group);
            return group;
        }
    }

    /// <summary>See <see cref="UpstreamServer.PublishZeroSeries"/>.</summary>
    public void PublishZeroSeries()
    {
        lock (_lock)
        {
            foreach (UpstreamServer server in _servers)
            {
                server.PublishZeroSeries();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<UpstreamGroup> groups;
        lock (_lock)
        {
            groups = [.. _groups.Values];
            _groups.Clear();
        }

        foreach (UpstreamGroup group in groups)
        {
            await group.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IEnumerable<Measurement<int>> UpState()
    {
        UpstreamServer[] servers;
        lock (_lock)
        {
            servers = [.. _servers];
        }

        foreach (UpstreamServer s in servers)
        {
            yield return new Measurement<int>(s.IsUp ? 1 : 0, ForwarderMetrics.ServerTag(s.Label));
        }
    }
}
