using SplitDns.Protocol.Names;

namespace SplitDns.Server.Zones;

/// <summary>The seam to the zone-file parser: a master file in, records and file:line:reason errors out.</summary>
public interface IZoneFileLoader
{
    ZoneFileLoad LoadZoneFile(string path, DnsName origin);
}
