using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>
/// A tiny DNS server on 127.0.0.1 (UDP and TCP on one free port) for tests: it records every
/// request it receives and answers with whatever the handler returns (over UDP the first
/// message only; over TCP every message, length-framed, e.g. an AXFR stream).
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly Func<byte[], bool, IReadOnlyList<byte[]>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    /// <param name="handler">(request, isTcp) → response messages (may be empty: no answer).</param>
    public FakeDnsServer(Func<byte[], bool, IReadOnlyList<byte[]>> handler)
    {
        _handler = handler;
        (_tcp, _udp) = BindSamePort();
        Port = ((IPEndPoint)_tcp.LocalEndpoint).Port;
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<(byte[] Message, bool Tcp)> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static (TcpListener, Socket) BindSamePort()
    {
        for (int attempt = 0; ; attempt++)
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            int port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return (tcp, udp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
                tcp.Stop();
            }
        }
    }

    private async Task UdpLoopAsync()
    {
        byte[] buffer = new byte[65535];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            byte[] request = buffer[..received.ReceivedBytes];
            Received.Enqueue((request, false));
            IReadOnlyList<byte[]> responses = _handler(request, false);
            if (responses.Count > 0)
            {
                await _udp.SendToAsync(responses[0], SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeTcpAsync(client);
        }
    }

    private async Task ServeTcpAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                byte[] prefix = new byte[2];
                while (true)
                {
                    await stream.ReadExactlyAsync(prefix, _stop.Token);
                    byte[] request = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                    await stream.ReadExactlyAsync(request, _stop.Token);
                    Received.Enqueue((request, true));
                    foreach (byte[] response in _handler(request, true))
                    {
                        byte[] framed = new byte[response.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                        response.CopyTo(framed, 2);
                        await stream.WriteAsync(framed, _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client closed the connection or the test ended.
            }
        }
    }
}
