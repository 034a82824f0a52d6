using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Hosting;
using SplitDns.Server.Processing;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// Binds the configured UDP endpoints at start (a bind failure stops start-up) and runs a fixed
/// number of receive loops per endpoint, each a dedicated thread on its own SO_REUSEPORT
/// socket so the kernel spreads packets across them.
/// Stop: no new receives, then wait for in-flight answers up to the shutdown bound.
/// </summary>
public sealed class UdpListenerService : IHostedService, IDisposable
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    private readonly ServerSettings _settings;
    private readonly QueryProcessor _processor;
    private readonly ILogger<UdpListenerService> _logger;
    private readonly List<Socket> _sockets = [];
    private readonly List<UdpReceiveLoop> _loops = [];

    public UdpListenerService(IOptions<ServerSettings> settings, QueryProcessor processor, ILogger<UdpListenerService> logger)
    {
        _settings = settings.Value;
        _processor = processor;
        _logger = logger;
    }

    /// <summary>The bound endpoints (port 0 in configuration resolves to the real port here).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints
    {
        get
        {
            var endpoints = new List<IPEndPoint>();
            foreach (Socket s in _sockets)
            {
                var ep = (IPEndPoint)s.LocalEndPoint!;
                if (!endpoints.Contains(ep))
                {
                    endpoints.Add(ep);
                }
            }

            return endpoints;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (int index = 0; index < _settings.DnsEndpoints.Count; index++)
        {
            IPEndPoint endpoint = _settings.DnsEndpoints[index];
            int count = OperatingSystem.IsLinux() ? _settings.UdpReceiveLoops : 1;
            IPEndPoint bindTo = endpoint;
            var budget = new UdpInFlightBudget(_settings.Limits.UdpQueriesInFlight);
            for (int i = 0; i < count; i++)
            {
                Socket socket = Bind(bindTo, reusePort: count > 1);
                bindTo = (IPEndPoint)socket.LocalEndPoint!;
                _sockets.Add(socket);
                var loop = new UdpReceiveLoop(socket, index, _processor, _logger, budget, _settings.UdpBatchSize);
                _loops.Add(loop);
            }

            Log.Listening(_logger, bindTo, count);
        }

        foreach (UdpReceiveLoop loop in _loops)
        {
            loop.Start();
        }

        return Task.CompletedTask;
    }

    private static Socket Bind(IPEndPoint endpoint, bool reusePort)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // [::]:53 must not also claim IPv4 (0.0.0.0:53 is bound separately).
                socket.DualMode = false;
            }

            if (reusePort)
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop receiving, then give answers in flight (e.g. forwarded) the shutdown bound.
        foreach (UdpReceiveLoop loop in _loops)
        {
            loop.Stop();
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(_settings.ShutdownTimeout);
        try
        {
            var exited = new List<Task>(_loops.Count);
            foreach (UdpReceiveLoop loop in _loops)
            {
                exited.Add(loop.Exited);
            }

            await Task.WhenAll(exited).WaitAsync(bound.Token).ConfigureAwait(false);
            while (InFlight() > 0)
            {
                await Task.Delay(10, bound.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Log.ShutdownInFlight(_logger, InFlight());
        }

        foreach (Socket s in _sockets)
        {
            s.Dispose();
        }
    }

    private int InFlight()
    {
        int total = 0;
        foreach (UdpReceiveLoop loop in _loops)
        {
            total += loop.InFlight;
        }

        return total;
    }

    public void Dispose()
    {
        foreach (UdpReceiveLoop loop in _loops)
        {
            loop.Stop();
        }

        foreach (Socket s in _sockets)
        {
            s.Dispose();
        }
    }
}
