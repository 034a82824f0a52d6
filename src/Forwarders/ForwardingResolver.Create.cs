using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SplitDns.Forwarders.Cache;
using SplitDns.Forwarders.Conditional;
using SplitDns.Forwarders.Upstreams;

namespace SplitDns.Forwarders;

public sealed partial class ForwardingResolver
{
    /// <summary>Builds the resolver, its default forwarder set, transports and cache from options.</summary>
    public static ForwardingResolver Create(ForwardersOptions options, ILoggerFactory? loggers = null,
        System.Diagnostics.Metrics.IMeterFactory? meters = null, Func<long>? clockMs = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        ILogger logger = loggers.CreateLogger("SplitDns.Forwarders");
        var metrics = new ForwarderMetrics(meters);
        var groups = new UpstreamGroupFactory(options, metrics, logger);
        var cache = new ResponseCache(options.Cache, metrics);
        return new ForwardingResolver(groups, cache, options, metrics, logger, clockMs);
    }

    /// <summary>
    /// A forwarder set over this resolver's cache: groups are shared with every other set that
    /// names the same servers in the same order (same health state, same cache partition).
    /// </summary>
    public ForwarderSet CreateSet(IReadOnlyList<UpstreamEndpoint> upstream, UpstreamStrategy strategy,
        IReadOnlyList<ConditionalForwarderOptions> conditional)
    {
        UpstreamGroup? group = upstream.Count == 0 ? null : _groups.GetOrCreate(upstream, strategy);
        var zones = new List<ForwarderZone>(conditional.Count);
        foreach (ConditionalForwarderOptions c in conditional)
        {
            zones.Add(new ForwarderZone(c.Zone, _groups.GetOrCreate(c.Servers, UpstreamStrategy.Ordered)));
        }

        return new ForwarderSet(group, new ForwarderZoneTable(zones));
    }
}
