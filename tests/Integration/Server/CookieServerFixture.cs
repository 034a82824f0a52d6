using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>A server with client DNS cookies on (SplitDns:Cookies:Enabled, the default, set explicitly).</summary>
public sealed class CookieServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--SplitDns:Cookies:Enabled=true"];
}
