using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SplitDns.Protocol.Tests.Wire;

/// <summary>
/// Captures the first datagram a real client (dig, kdig) sends to a UDP socket on 127.0.0.1.
/// Nothing is answered; the client process is killed as soon as its packet arrives, and the
/// wait is bounded.
/// </summary>
internal static class LoopbackClientCapture
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="program"/> with "{port}" in the arguments replaced by the listener's port.</summary>
    public static async Task<byte[]> CaptureAsync(string program, params string[] args)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var cts = new CancellationTokenSource(s_timeout);
            UdpReceiveResult received = await socket.ReceiveAsync(cts.Token);
            Assert.True(IPAddress.IsLoopback(received.RemoteEndPoint.Address));
            return received.Buffer;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }
}
