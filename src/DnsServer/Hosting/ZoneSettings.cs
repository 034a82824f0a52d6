using SplitDns.Protocol.Names;

namespace SplitDns.Server.Hosting;

/// <summary>One configured zone: its origin and the absolute path of its master file.</summary>
public sealed record ZoneSettings(DnsName Origin, string File, string ConfigKey);
