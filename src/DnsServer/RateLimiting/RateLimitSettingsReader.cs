using Microsoft.Extensions.Configuration;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.RateLimiting;

/// <summary>Reads SplitDns:RateLimit; every error names its key and the reason.</summary>
public static class RateLimitSettingsReader
{
    public static RateLimitSettings Read(IConfigurationSection splitDns, List<string> errors)
    {
        IConfigurationSection s = splitDns.GetSection("RateLimit");
        int responses = ServerSettingsReader.ReadInt(s, "ResponsesPerSecond", 20, 1, 1_000_000, errors);
        return new RateLimitSettings
        {
            Enabled = ServerSettingsReader.ReadBool(s, "Enabled", false, errors),
            ResponsesPerSecond = responses,
            NxdomainsPerSecond = ServerSettingsReader.ReadInt(s, "NxdomainsPerSecond", responses, 0, 1_000_000, errors),
            ReferralsPerSecond = ServerSettingsReader.ReadInt(s, "ReferralsPerSecond", responses, 0, 1_000_000, errors),
            ErrorsPerSecond = ServerSettingsReader.ReadInt(s, "ErrorsPerSecond", responses, 0, 1_000_000, errors),
            Slip = ServerSettingsReader.ReadInt(s, "Slip", 2, 0, 10, errors),
            Window = ServerSettingsReader.ReadInt(s, "Window", 15, 1, 3600, errors),
            IPv4PrefixLength = ServerSettingsReader.ReadInt(s, "IPv4PrefixLength", 24, 8, 32, errors),
            IPv6PrefixLength = ServerSettingsReader.ReadInt(s, "IPv6PrefixLength", 56, 16, 128, errors),
            Exempt = ForwarderSettingsReader.ReadNetworks(s.GetSection("Exempt"), errors),
            LogOnly = ServerSettingsReader.ReadBool(s, "LogOnly", false, errors),
            TableSize = ServerSettingsReader.ReadInt(s, "TableSize", 65536, 64, 16 * 1024 * 1024, errors),
        };
    }
}
