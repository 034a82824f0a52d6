using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// A server with client DNS cookies on (SplitDns:Cookies:Enabled, the default, set explicitly)
/// and not enforced (RequireForUdp off): bad cookies are answered and counted. The secret is
/// fixed so a test can build RFC 9018 cookies of any age itself.
/// </summary>
public class CookieServerFixture : ServerFixture
{
    public const string SecretHex = "000102030405060708090a0b0c0d0e0f";

    public static byte[] Secret => Convert.FromHexString(SecretHex);

    protected override IEnumerable<string> ExtraArgs =>
        ["--SplitDns:Cookies:Enabled=true", $"--SplitDns:Cookies:Secret={SecretHex}"];
}

/// <summary>The same server with cookies enforced for UDP (SplitDns:Cookies:RequireForUdp): no valid server cookie, BADCOOKIE.</summary>
public sealed class CookieEnforcingServerFixture : CookieServerFixture
{
    protected override IEnumerable<string> ExtraArgs => [.. base.ExtraArgs, "--SplitDns:Cookies:RequireForUdp=true"];
}
