using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// The rate-limited server of <see cref="RateLimitServerFixture"/> (5 answers per second per
/// account, slip 2, a long window) listening for DNS on [::1] instead, so its clients are IPv6
/// and accounted per /56 (RateLimit:IPv6PrefixLength, the default, set explicitly).
/// </summary>
public sealed class RateLimitIPv6ServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--SplitDns:Listen:Dns=[::1]:{Port}",
        "--SplitDns:RateLimit:Enabled=true",
        "--SplitDns:RateLimit:ResponsesPerSecond=5",
        "--SplitDns:RateLimit:Slip=2",
        "--SplitDns:RateLimit:Window=120",
        "--SplitDns:RateLimit:IPv6PrefixLength=56",
    ];
}
