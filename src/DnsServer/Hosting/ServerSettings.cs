using System.Net;
using SplitDns.Protocol.Names;

namespace SplitDns.Server.Hosting;

/// <summary>
/// The validated server configuration (section "SplitDns"), produced by
/// <see cref="ServerSettingsReader"/>. Everything here has been parsed and range-checked.
/// </summary>
public sealed class ServerSettings
{
    /// <summary>The served domain; the origin of every zone that names none (SplitDns:Domain).</summary>
    public DnsName Domain { get; init; } = DnsName.Parse("example.com.");

    public IReadOnlyList<IPEndPoint> DnsEndpoints { get; init; } = [];

    public IReadOnlyList<IPEndPoint> HttpEndpoints { get; init; } = [];

    /// <summary>Absolute path of the zone directory.</summary>
    public string ZoneDirectory { get; init; } = "zones";

    public IReadOnlyList<ZoneSettings> Zones { get; init; } = [];

    /// <summary>Cap on UDP responses to EDNS clients (RFC 9715: 1232 avoids fragmentation).</summary>
    public int MaxUdpPayload { get; init; } = 1232;

    /// <summary>UDP sockets (SO_REUSEPORT) and receive loops per endpoint.</summary>
    public int UdpReceiveLoops { get; init; } = Environment.ProcessorCount;

    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int TcpMaxConnections { get; init; } = 1024;

    public ChaosSettings Chaos { get; init; } = new();

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool WatchZoneFiles { get; init; } = true;
}
