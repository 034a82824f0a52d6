namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>Runs dig or kdig (real clients) against the server on loopback, bounded in time.</summary>
internal static class DigClient
{
    public static async Task<string> RunAsync(string tool, params string[] args) =>
        (await ClientTool.RunAsync(tool, args, null, TimeSpan.FromSeconds(20))).Output;
}
