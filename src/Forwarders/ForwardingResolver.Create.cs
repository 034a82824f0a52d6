using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Forwarders.Cache;
using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders;

public sealed partial class ForwardingResolver
{
    /// <summary>Builds the resolver, its upstream groups, transports and cache from options.</summary>
    public static ForwardingResolver Create(ForwardersOptions options, ILoggerFactory? loggers = null,
        IMeterFactory? meters = null, Func<long>? clockMs = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        ILogger logger = loggers.CreateLogger("SplitDns.Forwarders");
        var metrics = new ForwarderMetrics(meters);
        var all = new List<UpstreamServer>();
        UpstreamGroup? upstream = options.Upstream.Count == 0
            ? null
            : Group(options.Upstream, options.Strategy, options, metrics, logger, all);
        var zones = new List<ForwarderZone>();
        foreach (ConditionalForwarderOptions c in options.Conditional)
        {
            zones.Add(new ForwarderZone(c.Zone, Group(c.Servers, UpstreamStrategy.Ordered, options, metrics, logger, all)));
        }

        metrics.ObserveServers(() => UpState(all));
        var cache = new ResponseCache(options.Cache, metrics);
        return new ForwardingResolver(upstream, new ForwarderZoneTable(zones), cache, options, metrics, logger, clockMs);
    }

    private static UpstreamGroup Group(List<UpstreamEndpoint> endpoints, UpstreamStrategy strategy, ForwardersOptions options,
        ForwarderMetrics metrics, ILogger logger, List<UpstreamServer> all)
    {
        var servers = new List<UpstreamServer>(endpoints.Count);
        foreach (UpstreamEndpoint e in endpoints)
        {
            var server = new UpstreamServer(e,
                spoofed => UpstreamTransportFactory.Create(e, options.TrustedRoots, spoofed, options.IdleTimeout),
                options.Health, options.TryTimeout, metrics, logger);
            servers.Add(server);
            all.Add(server);
        }

        return new UpstreamGroup(servers, strategy, options.TryTimeout, options.Health.ExploreEvery);
    }

    private static IEnumerable<Measurement<int>> UpState(List<UpstreamServer> servers)
    {
        foreach (UpstreamServer s in servers)
        {
            yield return new Measurement<int>(s.IsUp ? 1 : 0, ForwarderMetrics.ServerTag(s.Label));
        }
    }
}
