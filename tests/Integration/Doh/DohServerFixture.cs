using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>
/// The real server with DoH on an HTTPS endpoint (certificate from <see cref="TestCertificateAuthority"/>)
/// and a zone whose TTLs differ (doh.test: a 900 s CNAME to a 60 s A; SOA TTL 3600, MINIMUM 45),
/// so cache-control can be told from a default.
/// </summary>
public sealed class DohServerFixture : ServerFixture
{
    private const string Zone = """
        $ORIGIN doh.test.
        $TTL 300
        @       3600 SOA ns hostmaster 1 3600 600 604800 45
        @            NS  ns
        ns           A   192.0.2.53
        mixed    900 CNAME target
        target    60 A   192.0.2.60
        long    7200 A   192.0.2.72
        """;

    private TestCertificateAuthority? _ca;
    private int _httpsPort;

    public int HttpsPort => _httpsPort;

    public TestCertificateAuthority Ca => _ca!;

    public string HttpsBase => $"https://{TestCertificateAuthority.HostName}:{HttpsPort}";

    protected override IEnumerable<string> ExtraArgs
    {
        get
        {
            _httpsPort = LoopbackAddress.FreePort(Address);
            _ca = new TestCertificateAuthority(ZoneDirectory, Address);
            return
            [
                "--SplitDns:Zones:3:File=doh.test.zone", "--SplitDns:Zones:3:Origin=doh.test.",
                $"--SplitDns:Listen:Https={Address}:{_httpsPort}",
                $"--SplitDns:Tls:Certificates:0:CertificatePath={Ca.CertificatePath}",
                $"--SplitDns:Tls:Certificates:0:KeyPath={Ca.KeyPath}",
                "--SplitDns:Doh:ConnectionsPerClient=16",
            ];
        }
    }

    protected override void PrepareZones(string directory) => File.WriteAllText(Path.Combine(directory, "doh.test.zone"), Zone);

    /// <summary>
    /// An HttpClient that trusts only the test root and connects to this server's address
    /// whatever the URL's host (no name is ever resolved through the system resolver).
    /// </summary>
    public HttpClient CreateClient(IPAddress? source = null) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (source is not null)
                {
                    socket.Bind(new IPEndPoint(source, 0));
                }

                await socket.ConnectAsync(new IPEndPoint(Address, context.DnsEndPoint.Port), ct);
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

    public static HttpRequestMessage Post(string url, byte[] message, Version version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(message),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/dns-message");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/dns-message"));
        return request;
    }

    public static HttpRequestMessage Get(string url, byte[] message, Version version) => new(HttpMethod.Get,
        url + "?dns=" + Convert.ToBase64String(message).TrimEnd('=').Replace('+', '-').Replace('/', '_'))
    {
        Version = version,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Ca.Root);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using X509Certificate2 presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(presented);
    }
}
