namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>
/// Arguments every test that starts the server on its embedded default configuration adds: the
/// default names a blocklist on the internet (downloaded at start) and tests never leave loopback.
/// The forwarders of the default are data only (nothing a test asks is forwarded), the list is not.
/// </summary>
public static class OfflineDefaults
{
    public static readonly string[] Args = ["--SplitDns:Blocking:Lists:stevenblack="];
}
