using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>A fake upstream on 127.0.3.x (UDP): records questions and answers through a handler (null = silence).</summary>
internal sealed class FakeUpstreamServer : IDisposable
{
    private static int s_next = 1;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();

    public FakeUpstreamServer(Func<DnsMessage, DnsMessage?> handler)
    {
        Handler = handler;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(NextAddress(), 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _ = LoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public Func<DnsMessage, DnsMessage?> Handler { get; set; }

    /// <summary>What a reply waits for before it is sent (other queries are served meanwhile); none by default.</summary>
    public Func<DnsMessage, Task> Hold { get; set; } = static _ => Task.CompletedTask;

    public ConcurrentQueue<string> Questions { get; } = new();

    public static IPAddress NextAddress() => new([127, 0, 3, (byte)(Interlocked.Increment(ref s_next) % 250 + 2)]);

    public int CountFor(string name) => Questions.Count(q => string.Equals(q, name, StringComparison.OrdinalIgnoreCase));

    private async Task LoopAsync()
    {
        byte[] buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                var query = DnsMessage.Parse(buffer.AsSpan(0, r.ReceivedBytes));
                Questions.Enqueue(query.Questions[0].Name.ToString());
                DnsMessage? response = Handler(query);
                if (response is not null)
                {
                    Task hold = Hold(query);
                    if (hold.IsCompleted)
                    {
                        await _socket.SendToAsync(response.ToArray(), SocketFlags.None, r.RemoteEndPoint);
                    }
                    else
                    {
                        _ = SendAfterAsync(hold, response.ToArray(), r.RemoteEndPoint);
                    }
                }
            }
            catch (DnsFormatException)
            {
                // Not a query: ignore.
            }
        }
    }

    private async Task SendAfterAsync(Task hold, byte[] response, EndPoint client)
    {
        try
        {
            await hold;
            await _socket.SendToAsync(response, SocketFlags.None, client);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
            // The test ended or gave up on this reply.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }
}
