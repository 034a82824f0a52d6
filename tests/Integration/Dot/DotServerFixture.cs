using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Dot;

/// <summary>
/// <see cref="ServerFixture"/> with DNS over TLS on two endpoints of its loopback address, and
/// certificates from a CA made here: dns.example.test (the default, mounted as a Kubernetes
/// Secret volume so tests can rotate it) and other.example.test (flat files, for SNI). The second
/// DoT endpoint belongs to view "tls-only" (no shared zones). Small limits: 3 connections per
/// client, a 2 s idle timeout, the files re-checked every second.
/// </summary>
public sealed class DotServerFixture : ServerFixture, IDisposable
{
    public const string DefaultHost = "dns.example.test";
    public const string OtherHost = "other.example.test";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public DotServerFixture()
    {
        DotPort = LoopbackAddress.FreePort(Address);
        ViewDotPort = LoopbackAddress.FreePort(Address);
        Default = Pki.Issue([DefaultHost]);
        Other = Pki.Issue([OtherHost], rsa: true);
        (DefaultCertificatePath, DefaultKeyPath) = Pki.WriteSecretVolume(SecretDirectory, Default);
        (OtherCertificatePath, OtherKeyPath) = Pki.WriteFlat(Path.Combine(Pki.Directory, "other"), Other);
    }

    public TestPki Pki { get; } = new();

    /// <summary>Where the default certificate's Secret volume is (rotate with <see cref="TestPki.WriteSecretVolume"/>).</summary>
    public string SecretDirectory => Path.Combine(Pki.Directory, "secret");

    public IssuedCertificate Default { get; }

    public IssuedCertificate Other { get; }

    public string DefaultCertificatePath { get; }

    public string DefaultKeyPath { get; }

    public string OtherCertificatePath { get; }

    public string OtherKeyPath { get; }

    public int DotPort { get; }

    /// <summary>The second DoT endpoint: view "tls-only" answers there (no shared zones: REFUSED).</summary>
    public int ViewDotPort { get; }

    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--SplitDns:Listen:Dot={Address}:{DotPort},{Address}:{ViewDotPort}",
        $"--SplitDns:Tls:Certificates:0:CertificatePath={DefaultCertificatePath}",
        $"--SplitDns:Tls:Certificates:0:KeyPath={DefaultKeyPath}",
        $"--SplitDns:Tls:Certificates:1:CertificatePath={OtherCertificatePath}",
        $"--SplitDns:Tls:Certificates:1:KeyPath={OtherKeyPath}",
        "--SplitDns:Tls:ReloadCheckSeconds=1",
        "--SplitDns:Tcp:IdleTimeoutSeconds=2",
        "--SplitDns:Limits:TcpConnectionsPerClient=3",
        "--SplitDns:Views:0:Name=tls-only",
        $"--SplitDns:Views:0:Listen={Address}:{ViewDotPort}",
        "--SplitDns:Views:0:SharedZones=",
        "--SplitDns:Views:0:Recursion=false",
        .. OfflineDefaults.Args,
    ];

    /// <summary>kdig over TLS, verifying the server against the test CA and <paramref name="hostname"/>.</summary>
    public DigResult KdigTls(string args, string hostname = DefaultHost, int? port = null) =>
        DigResult.Parse(Dig.Run("kdig", $"@{Address} -p {port ?? DotPort} +tls-ca={Pki.CaPath} +tls-hostname={hostname} "
            + $"+norec +time=3 +retry=0 {args}"));

    /// <summary>A TLS connection from <paramref name="source"/> (default: the server's address) with SNI <paramref name="sni"/>, verified against the test CA.</summary>
    public DotClient Connect(string? sni = DefaultHost, IPAddress? source = null, int? port = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        try
        {
            socket.Bind(new IPEndPoint(source ?? Address, 0));
            socket.Connect(new IPEndPoint(Address, port ?? DotPort));
            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            stream.ReadTimeout = 10_000;
            stream.WriteTimeout = 10_000;
            stream.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = sni,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Verify(certificate),
            });
            return new DotClient(stream, new X509Certificate2(stream.RemoteCertificate!));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Chain to the test CA only (custom root trust); the host name is checked by kdig tests.
    private bool Verify(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Pki.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    /// <summary>A counter's value for one label set, e.g. splitdns_dns_requests_total{...}; -1 when absent.</summary>
    public async Task<long> CounterAsync(string series)
    {
        string text = await _http.GetStringAsync(new Uri($"http://{Address}:{HttpPort}/metrics"));
        Match m = Regex.Match(text, "^" + Regex.Escape(series) + " ([0-9]+)$", RegexOptions.Multiline);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    public Task<string> MetricsAsync() => _http.GetStringAsync(new Uri($"http://{Address}:{HttpPort}/metrics"));

    public void Dispose()
    {
        _http.Dispose();
        Pki.Dispose();
    }
}

/// <summary>One DoT connection: RFC 7766 frames over the TLS stream, and the certificate the server presented.</summary>
public sealed class DotClient(SslStream stream, X509Certificate2 certificate) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public SslStream Stream { get; } = stream;

    public void Send(params byte[][] messages)
    {
        var all = new List<byte>();
        foreach (byte[] m in messages)
        {
            all.AddRange(RawDns.Frame(m));
        }

        Stream.Write(all.ToArray());
        Stream.Flush();
    }

    /// <summary>The next framed message, or null when the server closed the connection.</summary>
    public byte[]? Read()
    {
        byte[] prefix = new byte[2];
        if (!ReadExactly(prefix))
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return ReadExactly(message) ? message : null;
    }

    private bool ReadExactly(byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = Stream.Read(buffer, read, buffer.Length - read);
            }
            catch (IOException)
            {
                return false;
            }

            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        Certificate.Dispose();
    }
}
