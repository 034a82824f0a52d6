using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// BIND's named (from Debian, foreground, loopback only, generated config in a temp dir) as a
/// secondary: it pulls the zone by AXFR, gets our NOTIFY after an update, follows by IXFR, and
/// then answers like we do.
/// </summary>
public sealed class BindSecondaryTests
{
    [Fact]
    public async Task Bind_SecondaryFollowsByAxfrThenNotifyAndIxfr_AnswersMatch()
    {
        // named listens only on addresses configured on an interface: lo has 127.0.0.1.
        const string bindAddress = "127.0.0.1";
        int bindPort = 20000 + Random.Shared.Next(30000);
        await using SplitDnsProcess server = await SplitDnsProcess.StartAsync(ZoneFiles.WithHosts(200),
            zoneExtra: $"\"Notify\": [\"{bindAddress}:{bindPort}\"]",
            transfer: "{ \"Networks\": [\"127.0.0.0/8\"] }");
        string dir = Path.Combine(server.Directory, "bind");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "named.conf"), $$"""
            options {
                directory "{{dir}}";
                pid-file "{{dir}}/named.pid";
                listen-on port {{bindPort}} { {{bindAddress}}; };
                listen-on-v6 { none; };
                recursion no;
                notify no;
                dnssec-validation no;
                transfer-source {{bindAddress}};
                notify-source {{bindAddress}};
                query-source address {{bindAddress}};
            };
            controls { };
            zone "example.com" {
                type secondary;
                primaries { {{server.Address}} port {{server.Port}}; };
                file "{{dir}}/example.com.db";
                masterfile-format text;
            };
            """);
        using Process named = StartNamed(dir, out StringBuilder log);
        try
        {
            ToolResult first = await WaitForAsync(bindAddress, bindPort, "www.example.com", "A", "192.0.2.80", log);
            Assert.Contains("192.0.2.80", first.StandardOutput, StringComparison.Ordinal);
            Assert.True(await LogShowsAsync(log, "Transfer status: success"), LogText(log));

            Assert.Equal(0, (await server.NsupdateAsync("update add bind-sees.example.com 60 A 192.0.2.123\nupdate delete host7.example.com A")).ExitCode);

            lock (log)
            {
                log.AppendLine("--- splitdns log").AppendLine(server.Log);
            }

            await WaitForAsync(bindAddress, bindPort, "bind-sees.example.com", "A", "192.0.2.123", log);
            // The second transfer is incremental: a handful of records (SOAs, one delete, one add), not the zone.
            Assert.True(await LogShowsAsync(log, "(serial 101)"), LogText(log));
            string last = LogText(log).Split('\n').Last(l => l.Contains("Transfer completed:", StringComparison.Ordinal));
            int records = int.Parse(last.Split("messages, ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.InRange(records, 4, 10);
            foreach (string name in new[] { "bind-sees.example.com", "host7.example.com", "host8.example.com", "example.com" })
            {
                foreach (string type in new[] { "A", "SOA", "NS" })
                {
                    Assert.Equal(await server.ShortAsync(name, type), await ShortAsync(bindAddress, bindPort, name, type));
                }
            }
        }
        finally
        {
            named.Kill(entireProcessTree: true);
            await named.WaitForExitAsync();
        }
    }

    /// <summary>named's output arrives asynchronously: poll for a line (bounded: 5 s).</summary>
    private static async Task<bool> LogShowsAsync(StringBuilder log, string text)
    {
        for (int i = 0; i < 50; i++)
        {
            if (LogText(log).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static string LogText(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static Process StartNamed(string dir, out StringBuilder log)
    {
        var start = new ProcessStartInfo("/usr/sbin/named") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "-g", "-c", Path.Combine(dir, "named.conf"), "-n", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        log = output;
        return process;
    }

    private static async Task<List<string>> ShortAsync(string address, int port, string name, string type)
    {
        ToolResult r = await ClientTool.RunAsync("dig", [$"@{address}", "-p", port.ToString(CultureInfo.InvariantCulture), "+time=2", "+tries=1", "+short", name, type], null, TimeSpan.FromSeconds(10));
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Polls the secondary (bounded: 40 tries, 15 s) until it answers the expected value.</summary>
    private static async Task<ToolResult> WaitForAsync(string address, int port, string name, string type, string expected, StringBuilder log)
    {
        ToolResult last = new(1, "", "", false);
        for (int i = 0; i < 40; i++)
        {
            last = await ClientTool.RunAsync("dig", [$"@{address}", "-p", port.ToString(CultureInfo.InvariantCulture), "+time=1", "+tries=1", "+short", name, type], null, TimeSpan.FromSeconds(5));
            if (last.StandardOutput.Contains(expected, StringComparison.Ordinal))
            {
                return last;
            }

            await Task.Delay(350);
        }

        Assert.Fail($"named never answered {name} {type} {expected}; last: {last}\n--- named log\n{LogText(log)}");
        return last;
    }
}
