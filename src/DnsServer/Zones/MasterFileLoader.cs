using SplitDns.Protocol.Names;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Server.Zones;

/// <summary>Adapts <see cref="ZoneFileParser"/> (RFC 1035 §5 master files) to <see cref="IZoneFileLoader"/>.</summary>
public sealed class MasterFileLoader : IZoneFileLoader
{
    public ZoneFileLoad LoadZoneFile(string path, DnsName origin)
    {
        ZoneParseResult result = ZoneFileParser.Parse(path, origin);
        var errors = new List<string>(result.Errors.Count);
        foreach (ZoneFileError e in result.Errors)
        {
            errors.Add(e.ToString());
        }

        return new ZoneFileLoad(result.Records, errors);
    }
}
