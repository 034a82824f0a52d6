using System.Net;
using SplitDns.Protocol.Edns;

namespace SplitDns.Integration.Tests.Server;

/// <summary>RFC 9018 server cookies built by the test with the fixture's secret, for any age.</summary>
internal static class TestCookies
{
    public const string ClientHex = "c0c1c2c3c4c5c6c7";

    /// <summary>Client cookie, then version 1, reserved 0, a timestamp <paramref name="ageSeconds"/> in the past (negative: ahead) and the SipHash for <paramref name="client"/>.</summary>
    public static string Build(IPAddress client, int ageSeconds)
    {
        byte[] clientCookie = Convert.FromHexString(ClientHex);
        byte[] server = new byte[InteroperableServerCookie.Length];
        uint timestamp = unchecked((uint)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ageSeconds));
        InteroperableServerCookie.Write(CookieServerFixture.Secret, clientCookie, timestamp, client.GetAddressBytes(), server);
        return ClientHex + Convert.ToHexString(server).ToLowerInvariant();
    }
}
