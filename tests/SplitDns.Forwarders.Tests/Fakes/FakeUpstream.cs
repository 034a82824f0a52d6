using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>
/// A fake upstream DNS server on its own 127.0.0.x address: UDP and TCP on one port, and DoT on
/// another when given a certificate. It records every query it receives and answers through a
/// replaceable handler (null reply = silence).
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private static int s_next = 19;

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly TcpListener? _tls;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private int _tcpConnections;

    private FakeUpstream(IPAddress address, Func<FakeQuery, FakeReply?> handler, X509Certificate2? certificate)
    {
        Address = address;
        Handler = handler;
        _certificate = certificate;
        _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(address, 0));
        Port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
        _tcp = new TcpListener(address, Port);
        _tcp.Start();
        if (certificate is not null)
        {
            _tls = new TcpListener(address, 0);
            _tls.Start();
            TlsPort = ((IPEndPoint)_tls.LocalEndpoint).Port;
        }
    }

    public IPAddress Address { get; }

    public int Port { get; }

    public int TlsPort { get; }

    public Func<FakeQuery, FakeReply?> Handler { get; set; }

    public ConcurrentQueue<FakeQuery> Received { get; } = new();

    public int TcpConnections => Volatile.Read(ref _tcpConnections);

    public UpstreamEndpoint Udp => new() { Transport = UpstreamTransportKind.Udp, Address = Address, Port = Port };

    public UpstreamEndpoint Tcp => new() { Transport = UpstreamTransportKind.Tcp, Address = Address, Port = Port };

    public UpstreamEndpoint Tls(string name) =>
        new() { Transport = UpstreamTransportKind.Tls, Address = Address, Port = TlsPort, TlsName = name };

    /// <summary>Answers AAAA with 2001:db8::1 and everything else with A 192.0.2.1, TTL 300.</summary>
    public static FakeReply? DefaultHandler(FakeQuery q) => FakeReply.Answer(
        q.Message.Questions[0].Type == Protocol.Records.RecordType.AAAA ? Answers.Aaaa(q.Message, "2001:db8::1") : Answers.A(q.Message, "192.0.2.1"));

    public static IPAddress NextAddress()
    {
        int n = Interlocked.Increment(ref s_next);
        return new IPAddress([127, 0, (byte)(n / 250), (byte)(2 + (n % 250))]);
    }

    public static FakeUpstream Start(Func<FakeQuery, FakeReply?>? handler = null, X509Certificate2? certificate = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var fake = new FakeUpstream(NextAddress(), handler ?? DefaultHandler, certificate);
                fake.Run();
                return fake;
            }
            catch (SocketException) when (attempt < 5)
            {
                // The UDP port was free but its TCP twin was not: try another address.
            }
        }
    }

    /// <summary>Queries received for a name (presentation form, case-insensitive), excluding probes.</summary>
    public int CountFor(string name) =>
        Received.Count(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Run()
    {
        _ = UdpLoopAsync();
        _ = AcceptLoopAsync(_tcp, tls: false);
        if (_tls is not null)
        {
            _ = AcceptLoopAsync(_tls, tls: true);
        }
    }

    private async Task UdpLoopAsync()
    {
        byte[] buffer = new byte[65535];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var remote = (IPEndPoint)r.RemoteEndPoint;
            FakeReply? reply = Handle(buffer.AsSpan(0, r.ReceivedBytes), "udp", remote.Port);
            if (reply is not null)
            {
                _ = SendLaterAsync(reply, p => _udp.SendToAsync(p, SocketFlags.None, remote));
            }
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, bool tls)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                TcpClient client = await listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _tcpConnections);
                _ = ServeStreamAsync(client, tls);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeStreamAsync(TcpClient client, bool tls)
    {
        using TcpClient owned = client;
        Stream stream = client.GetStream();
        int port = ((IPEndPoint)client.Client.RemoteEndPoint!).Port;
        var writeLock = new SemaphoreSlim(1, 1);
        try
        {
            if (tls)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = ssl;
            }

            byte[] prefix = new byte[2];
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                byte[] frame = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(frame, _stop.Token);
                FakeReply? reply = Handle(frame, tls ? "tls" : "tcp", port);
                if (reply is not null)
                {
                    Stream s = stream;
                    _ = SendLaterAsync(reply, async p =>
                    {
                        byte[] framed = new byte[p.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)p.Length);
                        p.CopyTo(framed, 2);
                        await writeLock.WaitAsync();
                        try
                        {
                            await s.WriteAsync(framed);
                        }
                        finally
                        {
                            writeLock.Release();
                        }

                        return framed.Length;
                    });
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or EndOfStreamException
                                      or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // Client went away.
        }
    }

    /// <summary>Parses and records a query, then asks the handler; exposed for the DoH fake.</summary>
    public FakeReply? Handle(ReadOnlySpan<byte> packet, string transport, int sourcePort)
    {
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(packet);
        }
        catch (DnsFormatException)
        {
            return null;
        }

        var query = new FakeQuery(transport, message, sourcePort);
        Received.Enqueue(query);
        return Handler(query);
    }

    private async Task SendLaterAsync(FakeReply reply, Func<byte[], Task<int>> send)
    {
        try
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stop.Token);
            }

            foreach (byte[] packet in reply.Packets)
            {
                await send(packet);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopped or the client left.
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Stop();
        _tls?.Stop();
        return ValueTask.CompletedTask;
    }
}
