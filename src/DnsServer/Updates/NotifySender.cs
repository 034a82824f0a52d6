using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// Sends NOTIFY (RFC 1996) to a zone's configured secondaries whenever the serial it serves moves
/// forward, whatever moved it: an UPDATE commit, a zone-file reload or reconcile, another writer's
/// change read from the store. It watches <see cref="ZoneCatalog"/> publishes and remembers the
/// last serial notified per zone, so one change is notified once (a stale snapshot republished
/// over, or a reload that changed nothing, sends nothing). Off the update path: a bounded queue,
/// one UDP exchange per secondary, at most <see cref="Attempts"/> tries of <see cref="Timeout"/>
/// each (RFC 1996 §3.6 retransmission).
/// </summary>
public sealed class NotifySender : BackgroundService
{
    public const int Attempts = 3;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly DynamicSettings _settings;
    private readonly IReadOnlyList<IPEndPoint> _listen;
    private readonly ILogger<NotifySender> _logger;
    private readonly Channel<(ZoneKey Key, ZoneSnapshot Zone)> _queue = Channel.CreateBounded<(ZoneKey Key, ZoneSnapshot Zone)>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

    // The serial last queued for NOTIFY per zone (or served when we started watching).
    private readonly Dictionary<ZoneKey, uint> _notified = [];
    private readonly ZoneCatalog _catalog;

    public NotifySender(DynamicSettings settings, IOptions<ServerSettings> server, ZoneCatalog catalog, ILogger<NotifySender> logger)
    {
        _settings = settings;
        _listen = server.Value.DnsEndpoints;
        _logger = logger;
        _catalog = catalog;
        lock (_notified)
        {
            // Zones loaded before this point are what the secondaries transfer first: no NOTIFY for them.
            foreach (KeyValuePair<ZoneKey, ZoneSnapshot> zone in catalog.Entries)
            {
                _notified[zone.Key] = zone.Value.Serial;
            }
        }

        catalog.Changed += OnCatalogChanged;
    }

    /// <summary>Queues a NOTIFY for this snapshot when its zone has secondaries and its serial is newer than the last one notified.</summary>
    public void Enqueue(ZoneKey key, ZoneSnapshot zone)
    {
        if (!_settings.Zones.TryGetValue(key, out DynamicZoneSettings? z) || z.Notify.Count == 0)
        {
            return;
        }

        lock (_notified)
        {
            // RFC 1982 order: a snapshot republished with an older or the same serial is no change.
            if (_notified.TryGetValue(key, out uint last) && !SerialArithmetic.IsNewer(zone.Serial, last))
            {
                return;
            }

            _notified[key] = zone.Serial;

            // Inside the lock, so two racing publishes queue in serial order.
            _queue.Writer.TryWrite((key, zone));
        }
    }

    private void OnCatalogChanged(ZoneChange change)
    {
        if (change.Current is { } current)
        {
            Enqueue(change.Key, current);
        }
    }

    public override void Dispose()
    {
        _catalog.Changed -= OnCatalogChanged;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach ((ZoneKey key, ZoneSnapshot zone) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (IPEndPoint target in _settings.Zones[key].Notify)
                {
                    string result = await SendAsync(zone, target, SourceFor(target), stoppingToken).ConfigureAwait(false);
                    Log.NotifySent(_logger, key.ToString(), zone.Serial, target, result);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Secondaries accept NOTIFY only from their primary's address (BIND: "refused notify from
    /// non-primary"), so send from the address we serve DNS on when it is a specific one.
    /// </summary>
    private IPAddress? SourceFor(IPEndPoint target)
    {
        foreach (IPEndPoint ep in _listen)
        {
            if (ep.AddressFamily == target.AddressFamily && !ep.Address.Equals(IPAddress.Any) && !ep.Address.Equals(IPAddress.IPv6Any))
            {
                return ep.Address;
            }
        }

        return null;
    }

    /// <summary>One NOTIFY exchange: returns the answer's RCODE, or "no answer".</summary>
    public static async Task<string> SendAsync(ZoneSnapshot zone, IPEndPoint target, IPAddress? source, CancellationToken ct)
    {
        var notify = new DnsMessage();
        notify.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        notify.Header.Opcode = DnsOpcode.Notify;
        notify.Header.AuthoritativeAnswer = true;
        notify.Questions.Add(new DnsQuestion(zone.Origin, RecordType.SOA));
        notify.Answers.Add(zone.Soa);
        byte[] packet = notify.ToArray();
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }
        byte[] answer = new byte[512];
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            await socket.SendToAsync(packet, SocketFlags.None, target, ct).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                while (true)
                {
                    SocketReceiveFromResult r = await socket.ReceiveFromAsync(answer, SocketFlags.None, target, timeout.Token).ConfigureAwait(false);
                    if (r.ReceivedBytes >= DnsHeader.Size && DnsHeader.TryRead(answer, out DnsHeader h) && h.Id == notify.Id && h.IsResponse)
                    {
                        return ((DnsRcode)h.Rcode).ToString();
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            catch (SocketException)
            {
                // ICMP port unreachable: try again after a pause, like a lost packet.
                await Task.Delay(Timeout, ct).ConfigureAwait(false);
            }
        }

        return "no answer";
    }
}
