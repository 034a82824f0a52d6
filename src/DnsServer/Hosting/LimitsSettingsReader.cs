using Microsoft.Extensions.Configuration;

namespace SplitDns.Server.Hosting;

/// <summary>Reads and range-checks SplitDns:Limits; each error names its key and the allowed range.</summary>
internal static class LimitsSettingsReader
{
    public static LimitsSettings Read(IConfigurationSection s, List<string> errors) => new()
    {
        TcpConnectionsPerClient = ServerSettingsReader.ReadInt(s, "TcpConnectionsPerClient", 32, 1, 100_000, errors),
        TcpMessageTimeout = TimeSpan.FromMilliseconds(ServerSettingsReader.ReadInt(s, "TcpMessageTimeoutMs", 3000, 100, 120_000, errors)),
        TcpQueriesPerConnection = ServerSettingsReader.ReadInt(s, "TcpQueriesPerConnection", 16, 1, 1024, errors),
        UdpQueriesInFlight = ServerSettingsReader.ReadInt(s, "UdpQueriesInFlight", 512, 1, 100_000, errors),
        TransfersOut = ServerSettingsReader.ReadInt(s, "TransfersOut", 10, 1, 10_000, errors),
        UpdateMaxBytes = ServerSettingsReader.ReadInt(s, "UpdateMaxBytes", 32 * 1024, 512, ushort.MaxValue, errors),
        UpdateMaxRecords = ServerSettingsReader.ReadInt(s, "UpdateMaxRecords", 1000, 1, ushort.MaxValue, errors),
    };
}
