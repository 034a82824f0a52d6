using System.Reflection;

namespace SplitDns.Server.Hosting;

/// <summary>
/// <c>--help</c> (<c>-h</c>) and <c>--version</c> (<c>-V</c>), answered before any configuration
/// is read or the host is built. The rest of the command line stays .NET configuration
/// (<c>--SplitDns:Any:Key=value</c> is open-ended), so there is no option parser to generate
/// this text: it is written here, next to the commands it describes.
/// </summary>
public static class HelpCommand
{
    public static bool IsHelp(string arg) => arg is "--help" or "-h";

    public static bool IsVersion(string arg) => arg is "--version" or "-V";

    /// <summary>The assembly's informational version: Version from Directory.Build.props, "+commit" when the build knew it.</summary>
    public static string Version =>
        typeof(HelpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HelpCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static int WriteVersion(TextWriter stdout)
    {
        stdout.WriteLine("splitdns " + Version);
        return 0;
    }

    public static int WriteUsage(TextWriter stdout)
    {
        stdout.Write($$"""
            splitdns {{Version}}: authoritative and forwarding DNS server

            Usage:
              splitdns [--config FILE] [--SplitDns:Key=value ...]    run the server
              splitdns check [--config FILE] [--SplitDns:Key=value ...]
                                      validate settings, TSIG keys, store, grants and every zone, then exit
              splitdns healthcheck [--url URL] [--timeout SECONDS] [--config FILE] [--SplitDns:Key=value ...]
                                      GET the running server's /healthz (default: the first
                                      SplitDns:Listen:Http endpoint, 0.0.0.0 asked as 127.0.0.1)
              splitdns rollback --url URL (--token T | --token-file FILE) --zone ZONE
                                (--serial N | --time 2026-12-07T08:00:00Z) [--view V]
                                      restore a zone as it was at a journal serial or time, as one
                                      new change through the HTTP API; prints the new serial
              splitdns guard list|approve|revoke --url URL (--token T | --token-file FILE)
                                [--zone ZONE --key KEY [--view V] [--minutes N]]
                                      the mass-deletion guard: list held deletions, approve a key's
                                      deletions in a zone for a while, or withdraw the approval
              splitdns --help | -h    this text
              splitdns --version | -V the version

            Configuration, lowest priority first:
              the embedded defaults (appsettings.json in the source)
              --config FILE           a JSON file of the same shape; relative paths in any layer
                                      then resolve against its folder, else the working directory
              SPLITDNS_ environment   SPLITDNS_SplitDns__Listen__Dns=0.0.0.0:53 ("__" nests)
              --SplitDns:Key=value    e.g. --SplitDns:Listen:Dns=127.0.0.1:5353 --SplitDns:Domain=home.example

            Signals: SIGTERM/SIGINT stop cleanly, SIGHUP reloads the zone files.

            Exit codes:
              0  clean stop; check passed; healthcheck healthy; rollback or guard done; --help, --version
              1  check found errors; healthcheck unhealthy or unreachable; rollback or guard refused (the problem's detail on stderr)
              2  invalid configuration or zone at start-up; rollback or guard arguments invalid
              3  cannot listen (address in use, or port 53 without CAP_NET_BIND_SERVICE)

            Every key and its default: src/DnsServer/README.md#configuration, docs/configuration.md

            """);
        return 0;
    }
}
