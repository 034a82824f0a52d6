using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Views;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>
/// The views server with DoH on its plain HTTP port (SplitDns:Doh:AllowPlainHttp: a gateway that
/// terminates TLS) and 127.66.8.0/24 as the trusted proxies whose X-Forwarded-For names the client.
/// </summary>
public sealed class DohViewsServerFixture : ViewsServerFixture
{
    public static IPAddress Gateway { get; } = IPAddress.Parse("127.66.8.10");

    public string DohUrl => $"http://{Dns.Address}:{Dns.Port + 1}/dns-query";

    protected override IEnumerable<string> ExtraArgs() =>
    [
        "--SplitDns:Doh:AllowPlainHttp=true",
        "--SplitDns:Doh:TrustedProxies=127.66.8.0/24",
    ];

    /// <summary>An HttpClient whose connections come from <paramref name="source"/>.</summary>
    public static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };
}
