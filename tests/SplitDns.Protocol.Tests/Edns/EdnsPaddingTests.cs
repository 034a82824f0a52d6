using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Edns;

public class EdnsPaddingTests
{
    [Theory]
    [InlineData(100, 128, 4096, 28)]
    [InlineData(128, 128, 4096, 0)]
    [InlineData(129, 128, 4096, 127)]
    [InlineData(100, 468, 4096, 368)]
    [InlineData(469, 468, 4096, 467)]
    [InlineData(469, 468, 512, 43)]
    [InlineData(600, 468, 512, 0)]
    [InlineData(100, 0, 4096, 0)]
    public void PaddingLength_Rfc8467Blocks_PadsToMultipleWithinLimit(int unpadded, int block, int limit, int expected)
    {
        Assert.Equal(expected, EdnsPadding.PaddingLength(unpadded, block, limit));
    }

    [Fact]
    public void TryWriteOption_FiveOctets_WritesZeros()
    {
        byte[] buffer = Enumerable.Repeat((byte)0xee, 16).ToArray();
        var writer = new DnsWriter(buffer);

        Assert.True(EdnsPadding.TryWriteOption(ref writer, 5));

        Assert.Equal("000c0005" + "0000000000", Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void TryWriteOption_OutOfRoom_ResetsWriter()
    {
        byte[] buffer = new byte[8];
        var writer = new DnsWriter(buffer);

        Assert.False(EdnsPadding.TryWriteOption(ref writer, 5));
        Assert.Equal(0, writer.Position);
    }
}
