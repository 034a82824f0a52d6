using System.Text.RegularExpressions;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>--help and --version of the built binary: answered before configuration is read, exit 0.</summary>
public sealed partial class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsCommandsLayersAndExitCodes_Exits0(string option)
    {
        // An invalid setting beside it does not matter: help comes before configuration.
        ToolResult r = await RunAsync(option, "--SplitDns:Tcp:MaxConnections=-1");

        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (string text in (string[])["splitdns check", "splitdns healthcheck [--url URL]", "--config FILE", "SPLITDNS_",
            "--SplitDns:Key=value", "Exit codes:", "3  cannot listen", "--version"])
        {
            Assert.Contains(text, r.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Empty(r.StandardError);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    public async Task Version_PrintsInformationalVersionFromBuildProps_Exits0(string option)
    {
        ToolResult r = await RunAsync(option);

        Assert.True(r.ExitCode == 0, r.ToString());
        string props = await File.ReadAllTextAsync(Path.Combine(Dockerfile.RepositoryRoot(), "Directory.Build.props"));
        string version = VersionElement().Match(props).Groups[1].Value;
        // "splitdns 0.10.0", then "+<commit>" when the build knew it (Source Link, or the image's REVISION).
        Assert.Matches($"^splitdns {Regex.Escape(version)}(\\+[0-9A-Za-z.-]+)?\\n$", r.StandardOutput);
    }

    private static Task<ToolResult> RunAsync(params string[] args) =>
        ImageBuild.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "splitdns.dll"), .. args], AppContext.BaseDirectory, TimeSpan.FromMinutes(1));

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
