using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SplitDns.Deploy.Tests.Infrastructure;

/// <summary>Runs the real splitdns binary (dotnet splitdns.dll) with a pod's arguments and environment.</summary>
public static class ServerProcess
{
    public static ProcessStartInfo StartInfo(PodFilesystem pod, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = pod.Root,
        };
        psi.ArgumentList.Add(Repo.ServerBinary);
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // Only the pod's SPLITDNS_ variables: none inherited from the machine running the tests.
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("SPLITDNS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (KeyValuePair<string, string> kv in pod.Environment)
        {
            psi.Environment[kv.Key] = kv.Value;
        }

        return psi;
    }

    /// <summary>`splitdns check` with the container's arguments: exit code and everything printed.</summary>
    public static (int ExitCode, string Output) Check(PodFilesystem pod)
    {
        using Process p = Process.Start(StartInfo(pod, ["check", .. pod.Arguments]))!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            throw new TimeoutException("splitdns check did not finish in 60 s");
        }

        return (p.ExitCode, stdout.Result + stderr);
    }

    /// <summary>A loopback port free for both TCP and UDP at the moment of asking.</summary>
    public static int FreePort()
    {
        for (int i = 0; i < 20; i++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            int port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }
}
