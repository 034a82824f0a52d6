using System.Net;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// <c>splitdns healthcheck</c> in-process against closed loopback ports: which URL it asks
/// (from the configuration, wildcards on loopback) and how it fails (exit 1, reason on stderr).
/// </summary>
public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("127.0.0.71", "127.0.0.71")]
    public void Run_ListenHttpFromConfiguration_AsksThatEndpointWildcardOnLoopback(string listen, string asked)
    {
        int port = LoopbackAddress.FreePort(IPAddress.Parse(asked));
        (int exit, string stdout, string stderr) = Run($"--SplitDns:Listen:Http={listen}:{port}");

        Assert.Equal(HealthCheckCommand.ExitUnhealthy, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"splitdns healthcheck: http://{asked}:{port}/healthz: Connection refused", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ListenHttpIPv6Any_AsksIPv6Loopback()
    {
        (int exit, _, string stderr) = Run("--SplitDns:Listen:Http=[::]:1", "--timeout", "2");

        Assert.Equal(HealthCheckCommand.ExitUnhealthy, exit);
        Assert.StartsWith("splitdns healthcheck: http://[::1]:1/healthz:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url=ftp://127.0.0.1/healthz", "--url: 'ftp://127.0.0.1/healthz' is not an http:// or https:// URL")]
    [InlineData("--timeout=0", "--timeout: '0' is not a number of seconds in 1..300")]
    [InlineData("--SplitDns:Listen:Http=localhost:5380", "SplitDns:Listen:Http: 'localhost:5380' is not an endpoint")]
    public void Run_InvalidArgument_Exit1NamingIt(string argument, string error)
    {
        (int exit, _, string stderr) = Run(argument);

        Assert.Equal(HealthCheckCommand.ExitUnhealthy, exit);
        Assert.Contains("splitdns healthcheck: " + error, stderr, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = HealthCheckCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
