using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Entry point: <c>splitdns [check | healthcheck | rollback] [--config FILE] [--Key=Value ...]</c>, or
/// <c>--help</c> / <c>--version</c> (see <see cref="HelpCommand"/>).
/// </summary>
public static class ServerProgram
{
    public const int ExitConfiguration = 2;
    public const int ExitBind = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        // Before anything reads configuration: --help and --version work with any settings.
        if (Array.Exists(args, HelpCommand.IsHelp))
        {
            return HelpCommand.WriteUsage(Console.Out);
        }

        if (Array.Exists(args, HelpCommand.IsVersion))
        {
            return HelpCommand.WriteVersion(Console.Out);
        }

        if (args.Length > 0 && args[0] == "check")
        {
            return CheckCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "healthcheck")
        {
            return HealthCheckCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "rollback")
        {
            return RollbackCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "guard")
        {
            return GuardCommand.Run(args[1..], Console.Out, Console.Error);
        }

        WebApplication app;
        try
        {
            app = SplitDnsHost.Build(args);
        }
        catch (ServerConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("splitdns: cannot start, invalid configuration or zone:").ConfigureAwait(false);
            foreach (string error in ex.Errors)
            {
                await Console.Error.WriteLineAsync("  " + error).ConfigureAwait(false);
            }

            return ExitConfiguration;
        }

        // Read before running: RunAsync disposes the host when start-up fails, and then
        // app.Lifetime throws (inside an exception filter that throw counts as "no match").
        CancellationToken stopping = app.Lifetime.ApplicationStopping;
        try
        {
            // The default console lifetime stops on SIGTERM/SIGINT: listeners stop accepting,
            // in-flight queries get ShutdownTimeoutSeconds to finish.
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM while the listeners were still starting (Kestrel binding): a requested
            // stop, not a failure, so the exit is clean instead of an unhandled exception (134).
            await Console.Error.WriteLineAsync("splitdns: stopped during start-up").ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            await Console.Error.WriteLineAsync($"splitdns: cannot listen: {ex.Message}").ConfigureAwait(false);
            return ExitBind;
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
