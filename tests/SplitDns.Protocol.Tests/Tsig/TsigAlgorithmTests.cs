using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;

namespace SplitDns.Protocol.Tests.Tsig;

public class TsigAlgorithmTests
{
    // RFC 2202 §2-3 and RFC 4231 §4.2, §4.3, §4.7 (test cases 1, 2 and 6).
    [Theory]
    [InlineData("hmac-md5", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "9294727a3638bb1c13f48ef8158bfc9d")]
    [InlineData("hmac-sha1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00")]
    [InlineData("hmac-sha224", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22")]
    [InlineData("hmac-sha224", "4a656665", "what do ya want for nothing?", "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44")]
    [InlineData("hmac-sha256", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("hmac-sha384", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6")]
    [InlineData("hmac-sha512", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")]
    public void ComputeMac_RfcVectors_Match(string algorithm, string keyHex, string data, string expectedHex)
    {
        TsigAlgorithm alg = TestKeys.Algorithm(algorithm);
        byte[] mac = new byte[alg.MacLength];

        alg.ComputeMac(Convert.FromHexString(keyHex), Encoding.ASCII.GetBytes(data), mac);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void ComputeMac_HmacSha224KeyLongerThanBlock_MatchesRfc4231Case6()
    {
        byte[] key = Enumerable.Repeat((byte)0xaa, 131).ToArray();
        byte[] mac = new byte[28];

        TsigAlgorithm.HmacSha224.ComputeMac(key, "Test Using Larger Than Block-Size Key - Hash Key First"u8, mac);

        Assert.Equal("95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e", Convert.ToHexStringLower(mac));
    }

    // Lengths around SHA-224's 64-octet block and its 56-octet padding boundary (values from Python's hmac).
    [Theory]
    [InlineData(0, "5aa677c13ce1128eeb3a5c01cef7f16557cd0b76d18fd557d6ac3962")]
    [InlineData(55, "224765f2e5df82c2c611a3f74887dba898c6c5c45cc442964fd6dd99")]
    [InlineData(56, "1eff91e676710042260a93307525c69e0efa4767f9798d5e94b35480")]
    [InlineData(63, "60b30cfbc5ae8dfec3d2c981b8440e70419ced9bd8beb0a6d0f29ff1")]
    [InlineData(64, "1e2316e3df149a09f35f7ad0993ce87104d8d7a1fd305e01300c08d5")]
    [InlineData(65, "727f2948228613d2d97e01b69c3c33067c28e2b5e07040f1c7e7e7ba")]
    [InlineData(119, "fb8684408a82c467cbc37db9e21e7abf4fb720b8576410349b3d1fa6")]
    [InlineData(120, "b9bf44e4e526063612fb54cac642e052fc17c4129502c8ca70e87c9d")]
    [InlineData(1000, "3357106e7d0bcdbd06c145b8567e02b94e9b3218fa93b5714a3019b3")]
    public void ComputeMac_HmacSha224BlockBoundaries_Match(int length, string expectedHex)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)i;
        }

        byte[] mac = new byte[28];
        TsigAlgorithm.HmacSha224.ComputeMac("key"u8, data, mac);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(mac));
    }

    [Theory]
    [InlineData("hmac-md5", "hmac-md5.sig-alg.reg.int.")]
    [InlineData("HMAC-MD5.SIG-ALG.REG.INT", "hmac-md5.sig-alg.reg.int.")]
    [InlineData("hmac-sha1.", "hmac-sha1.")]
    [InlineData("hmac-sha224", "hmac-sha224.")]
    [InlineData("Hmac-Sha256", "hmac-sha256.")]
    [InlineData("hmac-sha384", "hmac-sha384.")]
    [InlineData("hmac-sha512", "hmac-sha512.")]
    public void TryParse_ConfiguredNames_MapToCanonicalWireName(string text, string wireName)
    {
        Assert.True(TsigAlgorithm.TryParse(text, out TsigAlgorithm? algorithm));
        Assert.Equal(wireName, algorithm.Name.ToString());
        Assert.True(TsigAlgorithm.TryFromName(DnsName.Parse(wireName.ToUpperInvariant()), out TsigAlgorithm? byName));
        Assert.Same(algorithm, byName);
    }

    [Theory]
    [InlineData("hmac-sha3")]
    [InlineData("gss-tsig")]
    [InlineData("")]
    public void TryParse_UnknownName_False(string text) => Assert.False(TsigAlgorithm.TryParse(text, out _));

    [Theory]
    [InlineData("hmac-md5", 16, 10)]
    [InlineData("hmac-sha1", 20, 10)]
    [InlineData("hmac-sha224", 28, 14)]
    [InlineData("hmac-sha256", 32, 16)]
    [InlineData("hmac-sha384", 48, 24)]
    [InlineData("hmac-sha512", 64, 32)]
    public void MinimumMacLength_LargerOfTenAndHalf(string algorithm, int macLength, int minimum)
    {
        TsigAlgorithm alg = TestKeys.Algorithm(algorithm);
        Assert.Equal(macLength, alg.MacLength);
        Assert.Equal(minimum, alg.MinimumMacLength);
    }
}
