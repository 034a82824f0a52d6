using System.Diagnostics;
using System.Net;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>Runs the real dig and kdig (bounded: one try, two seconds) against a loopback server.</summary>
public sealed class Dig(IPAddress address, int port)
{
    public DigResult Query(string args, bool tcp = false) =>
        DigResult.Parse(Run("dig", $"@{address} -p {port} +norec +time=2 +tries=1 {(tcp ? "+tcp " : "")}{args}"));

    public DigResult KQuery(string args, bool tcp = false) =>
        DigResult.Parse(Run("kdig", $"@{address} -p {port} +norec +time=2 +retry=0 {(tcp ? "+tcp " : "")}{args}"));

    public static string Run(string tool, string args)
    {
        var psi = new ProcessStartInfo(tool, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(15_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} {args} did not finish");
        }

        return stdout.Result + stderr.Result;
    }
}
