using System.Diagnostics;
using System.Diagnostics.Metrics;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Metrics;

/// <summary>
/// The server's instruments (System.Diagnostics.Metrics). Recording is allocation-free: label
/// values are preallocated strings passed in a <see cref="TagList"/>. One <see cref="Meter"/>
/// per server instance, so several in-process servers (tests) keep separate numbers. The
/// per-query counts go through pre-bound counters first (DnsServerMetrics.QueryPath.cs).
/// </summary>
public sealed partial class DnsServerMetrics : IDisposable
{
    public const string MeterName = "SplitDns.Server";

    private readonly Counter<long> _queries;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _truncated;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _malformed;
    private readonly UpDownCounter<long> _tcpActive;
    private readonly Counter<long> _tcpAccepted;
    private readonly UpDownCounter<long> _dotActive;
    private readonly Counter<long> _dotAccepted;
    private readonly Counter<long> _zoneLoads;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _clientSubnet;

    public DnsServerMetrics(ZoneCatalog catalog)
    {
        Meter = new Meter(MeterName);
        _queries = Meter.CreateCounter<long>("splitdns.dns.queries", description: "Queries answered, by transport, QTYPE, RCODE and view");
        _requests = Meter.CreateCounter<long>("splitdns.dns.requests", description: "Every message answered, by opcode, transport and RCODE (queries, transfers, UPDATE, NOTIFY)");
        _duration = Meter.CreateHistogram<double>("splitdns.dns.query.duration.seconds", "s", "Time from receiving a query to having its answer encoded");
        _truncated = Meter.CreateCounter<long>("splitdns.dns.truncated.responses", description: "Responses sent with TC set");
        _dropped = Meter.CreateCounter<long>("splitdns.dns.dropped.packets", description: "Packets that got no reply, by reason");
        _malformed = Meter.CreateCounter<long>("splitdns.dns.malformed.packets", description: "Malformed messages (answered FORMERR)");
        _tcpActive = Meter.CreateUpDownCounter<long>("splitdns.dns.tcp.connections", description: "Open DNS TCP connections");
        _tcpAccepted = Meter.CreateCounter<long>("splitdns.dns.tcp.connections.accepted", description: "DNS TCP connections accepted");
        _dotActive = Meter.CreateUpDownCounter<long>("splitdns.dns.dot.connections", description: "Open DNS over TLS connections");
        _dotAccepted = Meter.CreateCounter<long>("splitdns.dns.dot.connections.accepted", description: "DNS over TLS connections accepted (before the TLS handshake)");
        _zoneLoads = Meter.CreateCounter<long>("splitdns.zone.loads", description: "Zone file loads, by zone and result");
        _blocked = Meter.CreateCounter<long>("splitdns.dns.blocked", description: "Queries answered as blocked, by view, list and match (name or cname)");
        _limited = CreateLimited(Meter);
        _clientSubnet = Meter.CreateCounter<long>("splitdns.dns.client_subnet", description: "Queries with an EDNS Client Subnet option, by result (used, ignored_untrusted, malformed, no_address)");
        Meter.CreateObservableGauge("splitdns.zone.serial", () => ObserveZones(catalog, serial: true), description: "SOA serial of each served zone");
        Meter.CreateObservableGauge("splitdns.zone.records", () => ObserveZones(catalog, serial: false), description: "Records in each served zone");
    }

    public Meter Meter { get; }

    /// <summary>A reply without a question (NOTIMP for an unknown opcode).</summary>
    public void RecordOther(DnsTransport transport, DnsRcode rcode)
    {
        var tags = new TagList
        {
            { "transport", MetricLabels.Transport(transport) },
            { "qtype", "none" },
            { "rcode", MetricLabels.Rcode(rcode) },
            { "view", QueryContext.DefaultView },
        };
        _queries.Add(1, in tags);
        AddRequest(MetricLabels.OtherOpcode, tags[0].Value, tags[2].Value);
    }

    /// <summary>
    /// A message answered by a handler (UPDATE, NOTIFY, AXFR/IXFR): counted by opcode; a transfer
    /// (opcode QUERY with a question) is also counted as a query of its QTYPE.
    /// </summary>
    public void RecordHandled(DnsOpcode opcode, DnsTransport transport, DnsRcode rcode, RecordType? qtype)
    {
        string transportLabel = MetricLabels.Transport(transport);
        string rcodeLabel = MetricLabels.Rcode(rcode);
        AddRequest(MetricLabels.Opcode(opcode), transportLabel, rcodeLabel);
        if (opcode == DnsOpcode.Query && qtype is { } type)
        {
            var tags = new TagList
            {
                { "transport", transportLabel },
                { "qtype", MetricLabels.QType(type) },
                { "rcode", rcodeLabel },
                { "view", QueryContext.DefaultView },
            };
            _queries.Add(1, in tags);
        }
    }

    private void AddRequest(string opcode, object? transport, object? rcode)
    {
        var tags = new TagList
        {
            { "opcode", opcode },
            { "transport", transport },
            { "rcode", rcode },
        };
        _requests.Add(1, in tags);
    }

    public void RecordDropped(DnsTransport transport, DropReason reason) =>
        _dropped.Add(1, new KeyValuePair<string, object?>("transport", MetricLabels.Transport(transport)),
            new KeyValuePair<string, object?>("reason", MetricLabels.Drop(reason)));

    public void RecordMalformed(DnsTransport transport) =>
        _malformed.Add(1, new KeyValuePair<string, object?>("transport", MetricLabels.Transport(transport)));

    public void RecordClientSubnet(ClientSubnetResult result) =>
        _clientSubnet.Add(1, new KeyValuePair<string, object?>("result", MetricLabels.ClientSubnet(result)));

    /// <summary>A TCP 53 or DoT connection was admitted (within the connection caps).</summary>
    public void StreamConnectionOpened(DnsTransport transport)
    {
        (transport == DnsTransport.Dot ? _dotActive : _tcpActive).Add(1);
        (transport == DnsTransport.Dot ? _dotAccepted : _tcpAccepted).Add(1);
    }

    public void StreamConnectionClosed(DnsTransport transport) => (transport == DnsTransport.Dot ? _dotActive : _tcpActive).Add(-1);

    public void RecordZoneLoad(string zone, bool success) =>
        _zoneLoads.Add(1, new KeyValuePair<string, object?>("zone", zone),
            new KeyValuePair<string, object?>("result", success ? "ok" : "error"));

    /// <summary>
    /// Adds 0 to the error series whose labels are known in advance (drops by transport and
    /// reason, truncated and malformed by transport) and to the TCP connection series, so they
    /// exist before the first event and Prometheus' <c>increase()</c> sees it. Called by the
    /// exporter once its listener runs: a measurement nobody listens to is lost.
    /// </summary>
    public void PublishZeroSeries()
    {
        foreach (DnsTransport transport in Enum.GetValues<DnsTransport>())
        {
            var tag = new KeyValuePair<string, object?>("transport", MetricLabels.Transport(transport));
            _truncated.Add(0, tag);
            _malformed.Add(0, tag);
            foreach (DropReason reason in Enum.GetValues<DropReason>())
            {
                _dropped.Add(0, tag, new KeyValuePair<string, object?>("reason", MetricLabels.Drop(reason)));
            }
        }

        _tcpActive.Add(0);
        _tcpAccepted.Add(0);
        _dotActive.Add(0);
        _dotAccepted.Add(0);
        PublishLimitZeroSeries();
    }

    /// <summary>
    /// Adds 0 to the zone's load-error series, so it exists before the first failed reload and
    /// Prometheus' <c>increase()</c> sees that failure.
    /// </summary>
    public void DeclareZone(string zone) =>
        _zoneLoads.Add(0, new KeyValuePair<string, object?>("zone", zone), new KeyValuePair<string, object?>("result", "error"));

    /// <summary>A blocked answer; the labels are strings made once at start-up (view and list names).</summary>
    public void RecordBlocked(string view, string list, bool cnameTarget) =>
        _blocked.Add(1, new KeyValuePair<string, object?>("list", list),
            new KeyValuePair<string, object?>("match", cnameTarget ? "cname" : "name"), new KeyValuePair<string, object?>("view", view));

    /// <summary>One series per zone instance: {zone} for shared zones, {zone, view} for a view's own copy.</summary>
    private static IEnumerable<Measurement<long>> ObserveZones(ZoneCatalog catalog, bool serial)
    {
        foreach (KeyValuePair<ZoneKey, ZoneSnapshot> entry in catalog.Entries)
        {
            ZoneSnapshot zone = entry.Value;
            long value = serial ? zone.Serial : zone.RecordCount;
            var origin = new KeyValuePair<string, object?>("zone", zone.Origin.ToString());
            yield return entry.Key.IsShared
                ? new Measurement<long>(value, origin)
                : new Measurement<long>(value, origin, new KeyValuePair<string, object?>("view", entry.Key.View));
        }
    }

    public void Dispose() => Meter.Dispose();
}
