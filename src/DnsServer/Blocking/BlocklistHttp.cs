using System.Net;
using System.Reflection;

namespace SplitDns.Server.Blocking;

/// <summary>The HTTP client blocklists are downloaded with (timeouts and size caps are the catalog's, per request).</summary>
internal static class BlocklistHttp
{
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        string version = typeof(BlocklistHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SplitDns/" + version.Split('+')[0]);
        return client;
    }
}
