using System.Diagnostics;

namespace SplitDns.Tests.Shared;

/// <summary>The outcome of running a real DNS client (dig, kdig, nsupdate, knsupdate).</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>Runs a client from /usr/bin, bounded by a timeout, and kills it (and its children) afterwards.</summary>
internal static class ClientTool
{
    public static async Task<ToolResult> RunAsync(string program, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/usr/bin/" + program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool timedOut = false;
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }

            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr, timedOut);
    }
}
