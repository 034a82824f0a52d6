using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// A server with response rate limiting on: 5 answers per second per /24, slip 2, and a long
/// window so a flooded client stays limited for the whole test class. Loopback is not exempt.
/// </summary>
public sealed class RateLimitServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--SplitDns:RateLimit:Enabled=true",
        "--SplitDns:RateLimit:ResponsesPerSecond=5",
        "--SplitDns:RateLimit:Slip=2",
        "--SplitDns:RateLimit:Window=120",
        "--SplitDns:Cookies:Enabled=true",
    ];
}
