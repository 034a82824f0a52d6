using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;

namespace SplitDns.Protocol.Tests.Tsig;

public class TsigKeyTests
{
    [Theory]
    [InlineData("hmac-sha384:update-key:c2VjcmV0", "hmac-sha384", "update-key.")]
    [InlineData("hmac-md5:Update.Key.:c2VjcmV0", "hmac-md5", "Update.Key.")]
    [InlineData("update-key:c2VjcmV0", "hmac-sha256", "update-key.")]
    public void Parse_DashYForms_NameAlgorithmAndSecret(string text, string algorithm, string name)
    {
        TsigKey key = TsigKey.Parse(text);

        Assert.Same(TestKeys.Algorithm(algorithm), key.Algorithm);
        Assert.True(key.Name.EqualsExact(DnsName.Parse(name)));
        Assert.Equal(key.Algorithm.MacLength, key.MinimumMacLength);
    }

    [Theory]
    [InlineData("hmac-sha256:key:not base64!")]
    [InlineData("hmac-sha256:key:")]
    [InlineData("hmac-foo:key:c2VjcmV0")]
    [InlineData("just-a-name")]
    public void Parse_Invalid_FormatException(string text) => Assert.ThrowsAny<FormatException>(() => TsigKey.Parse(text));

    [Theory]
    [InlineData(15)]
    [InlineData(33)]
    public void Constructor_MinimumMacLengthOutsideRfcRange_Throws(int minimum) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new TsigKey(DnsName.Parse("k."), TsigAlgorithm.HmacSha256, [1, 2, 3], minimum));

    [Fact]
    public void TryFind_KeyRing_IgnoresCaseAndRejectsDuplicates()
    {
        TsigKeyRing ring = TestKeys.Ring(TestKeys.Key(name: "MyKey."));

        Assert.True(ring.TryFind(DnsName.Parse("mykey."), out TsigKey? found));
        Assert.Equal("MyKey.", found.Name.ToString());
        Assert.Throws<ArgumentException>(() => TestKeys.Ring(TestKeys.Key(name: "a."), TestKeys.Key(name: "A.")));
    }

    [Fact]
    public void ToString_DoesNotRevealSecret() =>
        Assert.DoesNotContain(TestKeys.Secret, TestKeys.Key().ToString(), StringComparison.Ordinal);
}
