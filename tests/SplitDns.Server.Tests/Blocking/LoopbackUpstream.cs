using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Tests.Blocking;

/// <summary>A UDP upstream on 127.0.0.1 answering every A question with 198.51.100.7 (so forwarded answers can be cached).</summary>
internal sealed class LoopbackUpstream : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackUpstream()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _ = LoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    private async Task LoopAsync()
    {
        byte[] buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                SocketReceiveFromResult r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                DnsMessage query = DnsMessage.Parse(buffer.AsSpan(0, r.ReceivedBytes).ToArray());
                DnsMessage response = query.CreateResponse();
                response.Header.RecursionAvailable = true;
                DnsQuestion q = query.Questions[0];
                if (q.Type == RecordType.A)
                {
                    response.Answers.Add(new ResourceRecord(q.Name, 300, new ARdata(IPAddress.Parse("198.51.100.7"))));
                }

                await _socket.SendToAsync(response.ToArray(), SocketFlags.None, r.RemoteEndPoint);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // keep serving
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }
}
