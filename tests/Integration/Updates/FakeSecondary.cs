using System.Net;
using System.Net.Sockets;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// A secondary that only listens for NOTIFY (RFC 1996) on a loopback address of its own: it
/// records the serial each one carries, in arrival order, and acknowledges it so the sender
/// does not retry.
/// </summary>
internal sealed class FakeSecondary : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<uint> _serials = [];
    private readonly Task _loop;

    public FakeSecondary()
    {
        IPAddress address = LoopbackAddress.Next();
        _socket.Bind(new IPEndPoint(address, LoopbackAddress.FreePort(address)));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Serials of the NOTIFYs received so far, in order.</summary>
    public List<uint> Serials
    {
        get
        {
            lock (_serials)
            {
                return [.. _serials];
            }
        }
    }

    /// <summary>Waits (bounded: 10 s) until <paramref name="count"/> NOTIFYs have arrived; returns their serials.</summary>
    public async Task<List<uint>> WaitForAsync(int count)
    {
        for (int i = 0; i < 100 && Serials.Count < count; i++)
        {
            await Task.Delay(100);
        }

        return Serials;
    }

    private async Task ReceiveAsync()
    {
        byte[] buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            DnsMessage notify = DnsMessage.Parse(buffer.AsSpan(0, r.ReceivedBytes));
            if (notify.Header.Opcode != DnsOpcode.Notify || notify.Answers.Count == 0 || notify.Answers[0].Data is not SoaRdata soa)
            {
                continue;
            }

            lock (_serials)
            {
                _serials.Add(soa.Serial);
            }

            DnsMessage ack = notify.CreateResponse();
            ack.Header.AuthoritativeAnswer = true;
            await _socket.SendToAsync(ack.ToArray(), SocketFlags.None, r.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
