using SplitDns.Protocol.Hashing;

namespace SplitDns.Protocol.Tests.Hashing;

public class SipHash24Tests
{
    private static readonly byte[] s_key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    // The reference implementation's vectors (vectors.h, vectors_sip64): key 00..0f, message 00..(n-1),
    // output bytes in little-endian order.
    [Theory]
    [InlineData(0, "310e0edd47db6f72")]
    [InlineData(1, "fd67dc93c539f874")]
    [InlineData(2, "5a4fa9d909806c0d")]
    [InlineData(15, "e545be4961ca29a1")]
    public void Hash_ReferenceVector_Matches(int length, string expected)
    {
        byte[] message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Span<byte> output = stackalloc byte[8];
        var h = new SipHash24(s_key);
        h.Append(message);
        h.Finish(output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Append_InPieces_EqualsOneBuffer()
    {
        byte[] message = Enumerable.Range(0, 37).Select(i => (byte)(i * 7)).ToArray();
        ulong whole = SipHash24.Hash(s_key, message);
        var h = new SipHash24(s_key);
        h.Append(message.AsSpan(0, 3));
        h.Append(message[3]);
        h.Append(message.AsSpan(4, 13));
        h.Append(message.AsSpan(17));

        Assert.Equal(whole, h.Finish());
    }

    [Fact]
    public void Constructor_KeyNotSixteenBytes_Throws() =>
        Assert.Throws<ArgumentException>(() => new SipHash24(new byte[8]));
}
