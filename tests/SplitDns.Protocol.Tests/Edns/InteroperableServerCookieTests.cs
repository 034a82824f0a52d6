using System.Net;
using SplitDns.Protocol.Edns;

namespace SplitDns.Protocol.Tests.Edns;

public class InteroperableServerCookieTests
{
    private const string Secret = "e5e973e5a6b2a43f48e7dc849e37bfcf";

    // RFC 9018 Appendix A.1 and A.2: client 198.51.100.100, client cookie 2464c4abcf10c957.
    [Theory]
    [InlineData(1559731985u, "010000005cf79f111f8130c3eee29480")]
    [InlineData(1559734385u, "010000005cf7a871d4a564a1442aca77")]
    public void Write_Rfc9018Vector_Matches(uint timestamp, string expected)
    {
        Span<byte> cookie = stackalloc byte[16];
        InteroperableServerCookie.Write(Convert.FromHexString(Secret), Convert.FromHexString("2464c4abcf10c957"), timestamp,
            IPAddress.Parse("198.51.100.100").GetAddressBytes(), cookie);

        Assert.Equal(expected, Convert.ToHexStringLower(cookie));
    }

    [Theory]
    [InlineData(1559731985u, true)]
    [InlineData(1559731985u + 3600, true)]
    [InlineData(1559731985u + 3601, false)]
    [InlineData(1559731985u - 300, true)]
    [InlineData(1559731985u - 301, false)]
    public void IsValid_ByAge_AcceptsOnlyTheLastHourAndFiveMinutesAhead(uint now, bool valid)
    {
        bool ok = InteroperableServerCookie.IsValid(Convert.FromHexString(Secret), Convert.FromHexString("2464c4abcf10c957"),
            Convert.FromHexString("010000005cf79f111f8130c3eee29480"), IPAddress.Parse("198.51.100.100").GetAddressBytes(), now);

        Assert.Equal(valid, ok);
    }

    [Theory]
    [InlineData("2464c4abcf10c957", "198.51.100.101", "010000005cf79f111f8130c3eee29480")]
    [InlineData("2464c4abcf10c958", "198.51.100.100", "010000005cf79f111f8130c3eee29480")]
    [InlineData("2464c4abcf10c957", "198.51.100.100", "010000005cf79f111f8130c3eee29481")]
    [InlineData("2464c4abcf10c957", "198.51.100.100", "020000005cf79f111f8130c3eee29480")]
    [InlineData("2464c4abcf10c957", "198.51.100.100", "010000005cf79f111f8130c3eee294")]
    public void IsValid_OtherClientAddressHashOrVersion_IsFalse(string client, string address, string server)
    {
        bool ok = InteroperableServerCookie.IsValid(Convert.FromHexString(Secret), Convert.FromHexString(client),
            Convert.FromHexString(server), IPAddress.Parse(address).GetAddressBytes(), 1559731985u);

        Assert.False(ok);
    }
}
