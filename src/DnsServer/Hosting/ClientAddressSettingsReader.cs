using Microsoft.Extensions.Configuration;

namespace SplitDns.Server.Hosting;

/// <summary>Reads SplitDns:ClientSubnet and SplitDns:ProxyProtocol (lists of CIDRs or addresses).</summary>
public static class ClientAddressSettingsReader
{
    public static ClientAddressSettings Read(IConfigurationSection splitDns, List<string> errors)
    {
        IConfigurationSection proxy = splitDns.GetSection("ProxyProtocol");
        return new ClientAddressSettings
        {
            ClientSubnetTrustedSources = ForwarderSettingsReader.ReadNetworks(splitDns.GetSection("ClientSubnet:TrustedSources"), errors),
            ProxyTrustedNetworks = ForwarderSettingsReader.ReadNetworks(proxy.GetSection("TrustedNetworks"), errors),
            ProxyHeaderTimeout = TimeSpan.FromSeconds(ServerSettingsReader.ReadInt(proxy, "HeaderTimeoutSeconds", 5, 1, 60, errors)),
        };
    }
}
