using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public class DnsReaderTests
{
    private const string Header = "000000000000000000000000";

    [Theory]
    [InlineData(Header + "03777777076578616d706c6500", 12, "www.example.")]
    [InlineData(Header + "076578616d706c6500" + "03777777c00c", 21, "www.example.")]
    [InlineData(Header + "076578616d706c6500" + "0377777703777777c00c" + "c015", 31, "www.www.example.")]
    [InlineData(Header + "00", 12, ".")]
    public void ReadName_WellFormed_ReturnsName(string hex, int position, string expected)
    {
        var reader = new DnsReader(Convert.FromHexString(hex), position);

        Assert.Equal(expected, reader.ReadName().ToString());
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData(Header + "c00c", DnsFormatError.PointerLoop)]
    [InlineData(Header + "0161c00c", DnsFormatError.PointerLoop)]
    [InlineData(Header + "c00e0000", DnsFormatError.BadPointer)]
    [InlineData(Header + "c005", DnsFormatError.BadPointer)]
    [InlineData(Header + "4000", DnsFormatError.BadLabelType)]
    [InlineData(Header + "8000", DnsFormatError.BadLabelType)]
    [InlineData(Header + "0561", DnsFormatError.Truncated)]
    [InlineData(Header + "c0", DnsFormatError.Truncated)]
    public void ReadName_Malformed_ThrowsTypedError(string hex, DnsFormatError expected)
    {
        byte[] packet = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => new DnsReader(packet, 12).ReadName());
        Assert.Equal(expected, e.Error);
    }

    [Fact]
    public void ReadName_Exactly255Octets_Accepted()
    {
        // Three 63-octet labels + one 61-octet label + root = 255 octets.
        string name = string.Concat(Enumerable.Repeat("3f" + new string('a', 126), 3)) + "3d" + new string('b', 122) + "00";
        var reader = new DnsReader(Convert.FromHexString(Header + name), 12);

        Assert.Equal(255, reader.ReadName().WireLength);
    }

    [Fact]
    public void ReadName_256OctetsViaPointer_ThrowsNameTooLong()
    {
        // 193-octet name at 12, then a 62-octet label pointing to it: 63 + 193 = 256.
        string first = string.Concat(Enumerable.Repeat("3f" + new string('a', 126), 3)) + "00";
        string second = "3e" + new string('b', 124) + "c00c";
        byte[] packet = Convert.FromHexString(Header + first + second);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => new DnsReader(packet, 12 + 193).ReadName());
        Assert.Equal(DnsFormatError.NameTooLong, e.Error);
    }

    [Fact]
    public void ReadUncompressedName_Pointer_ThrowsBadRdata()
    {
        byte[] packet = Convert.FromHexString(Header + "0161c00c");

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => new DnsReader(packet, 12).ReadUncompressedName());
        Assert.Equal(DnsFormatError.BadRdata, e.Error);
    }

    [Fact]
    public void ReadBytes_PastEnd_ThrowsTruncatedAndKeepsPosition()
    {
        var reader = new DnsReader(new byte[4]);
        reader.ReadUInt16();

        int before = reader.Position;
        try
        {
            reader.ReadUInt32();
            Assert.Fail("no exception");
        }
        catch (DnsFormatException e)
        {
            Assert.Equal(DnsFormatError.Truncated, e.Error);
        }

        Assert.Equal(before, reader.Position);
    }
}
