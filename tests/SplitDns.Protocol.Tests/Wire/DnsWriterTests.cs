using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public class DnsWriterTests
{
    [Theory]
    [InlineData("o.o.", "016f016f00" + "c00c")]
    [InlineData("\\183.o.o.", "01b7016f016f00" + "c00c")]
    [InlineData("a.b.a.b.", "0161016201610162" + "00" + "c00c")]
    public void TryWriteName_RepeatedLabels_NoSelfPointer(string text, string expected)
    {
        foreach (byte fill in new byte[] { 0x00, 0xC0 })
        {
            byte[] buffer = new byte[64];
            Array.Fill(buffer, fill);
            var writer = new DnsWriter(buffer);
            writer.TryWriteBytes(new byte[12]);
            DnsName name = DnsName.Parse(text);
            Assert.True(writer.TryWriteName(name));
            Assert.True(writer.TryWriteName(name));
            Assert.Equal(expected, Convert.ToHexStringLower(buffer[12..writer.Position]));

            var reader = new DnsReader(buffer.AsSpan(0, writer.Position), 12);
            Assert.True(reader.ReadName().EqualsExact(name));
            Assert.True(reader.ReadName().EqualsExact(name));
        }
    }

    private static byte[] WriteNames(params string[] names)
    {
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer);
        Assert.True(writer.TryWriteZeros(DnsHeader.Size));
        foreach (string n in names)
        {
            Assert.True(writer.TryWriteName(DnsName.Parse(n)));
        }

        return writer.Written.ToArray();
    }

    [Fact]
    public void TryWriteName_RepeatedLabel_DoesNotPointIntoItself()
    {
        // Regression: the name being written was matched against its own unfinished labels,
        // producing "01 61 c0 0c" (a pointer loop) instead of "01 61 01 61 00".
        byte[] wire = WriteNames("a.a.");

        Assert.Equal("016101610" + "0", Convert.ToHexStringLower(wire[12..]));
        var reader = new DnsReader(wire, 12);
        Assert.Equal("a.a.", reader.ReadName().ToString());
    }

    [Theory]
    [InlineData("www.example.com.", "mail.example.com.", "076578616d706c6503636f6d00" , "046d61696cc010")]
    [InlineData("example.com.", "example.com.", "076578616d706c6503636f6d00", "c00c")]
    [InlineData("com.", "example.com.", "03636f6d00", "076578616d706c65c00c")]
    public void TryWriteName_SharedSuffix_PointsBack(string first, string second, string firstTailHex, string secondHex)
    {
        byte[] wire = WriteNames(first, second);

        string hex = Convert.ToHexStringLower(wire);
        Assert.EndsWith(firstTailHex + secondHex, hex);
    }

    [Fact]
    public void TryWriteName_SameNameRepeated_EveryRepeatPointsAtFirstOccurrence()
    {
        // The repeat fast path remembers where the last name can be found; a name written as a
        // bare pointer is found at the pointer's target, never at the pointer itself.
        byte[] wire = WriteNames("www.example.com.", "www.example.com.", "www.example.com.", "mail.example.com.", "mail.example.com.");

        Assert.Equal("03777777076578616d706c6503636f6d00" + "c00c" + "c00c" + "046d61696cc010" + "c021", Convert.ToHexStringLower(wire[12..]));
        var reader = new DnsReader(wire, 12);
        foreach (string expected in new[] { "www.example.com.", "www.example.com.", "www.example.com.", "mail.example.com.", "mail.example.com." })
        {
            Assert.Equal(expected, reader.ReadName().ToString());
        }
    }

    [Fact]
    public void TryWriteName_LongNamesWithManyLabels_CompressAndReadBack()
    {
        // 100 one-octet labels (201 octets): past the small per-name hash buffer (64 octets).
        string tail = string.Concat(Enumerable.Repeat("a.", 99));
        string[] names = { "x." + tail, "y." + tail, "y." + tail, "z.example." };
        byte[] wire = WriteNames(names);

        // First name in full, the second is "y" + a pointer to the shared 99 labels, the third a pointer.
        Assert.Equal(12 + 201 + 4 + 2 + 11, wire.Length);
        var reader = new DnsReader(wire, 12);
        foreach (string expected in names)
        {
            Assert.Equal(expected, reader.ReadName().ToString());
        }
    }

    [Fact]
    public void TryWriteName_DifferentCase_DoesNotCompress()
    {
        byte[] wire = WriteNames("example.com.", "EXAMPLE.com.");

        // Only "com" is shared byte for byte; the upper-case label is written out.
        Assert.Equal("076578616d706c6503636f6d00" + "074558414d504c45c014", Convert.ToHexStringLower(wire[12..]));
    }

    [Fact]
    public void TryWriteName_CompressionDisabled_WritesInFull()
    {
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer);
        writer.TryWriteZeros(12);
        writer.TryWriteName(DnsName.Parse("example.com."));
        writer.CompressionEnabled = false;
        writer.TryWriteName(DnsName.Parse("example.com."));
        writer.CompressionEnabled = true;
        writer.TryWriteName(DnsName.Parse("example.com."));

        Assert.Equal(12 + 13 + 13 + 2, writer.Position);
    }

    [Fact]
    public void TryWriteName_CanonicalMode_LowercasesAndNeverCompresses()
    {
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer, canonical: true);
        writer.TryWriteName(DnsName.Parse("WWW.Example.COM."));
        writer.TryWriteName(DnsName.Parse("www.example.com."));

        Assert.Equal(2 * 17, writer.Position);
        Assert.Equal("03777777076578616d706c6503636f6d00", Convert.ToHexStringLower(writer.Written[..17]));
    }

    [Fact]
    public void TryWriteName_OutOfRoom_LeavesPositionAndTableUnchanged()
    {
        byte[] buffer = new byte[20];
        var writer = new DnsWriter(buffer);
        writer.TryWriteZeros(12);
        DnsWriter.Mark before = writer.GetMark();

        Assert.False(writer.TryWriteName(DnsName.Parse("www.example.com.")));
        Assert.Equal(before, writer.GetMark());
    }

    [Fact]
    public void Reset_AfterRrset_ForgetsCompressionTargetsWrittenAfterMark()
    {
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer);
        writer.TryWriteZeros(12);
        DnsWriter.Mark mark = writer.GetMark();
        writer.TryWriteName(DnsName.Parse("example.com."));
        writer.Reset(mark);
        writer.TryWriteZeros(5);
        writer.TryWriteName(DnsName.Parse("example.com."));

        // Pointing at the discarded name would point at zeros.
        Assert.Equal(12 + 5 + 13, writer.Position);
    }

    [Fact]
    public void TryWriteUInt16_AtLimit_ReturnsFalse()
    {
        byte[] buffer = new byte[10];
        var writer = new DnsWriter(buffer, limit: 3);

        Assert.True(writer.TryWriteUInt16(1));
        Assert.False(writer.TryWriteUInt16(2));
        Assert.True(writer.TryWriteByte(3));
        Assert.False(writer.TryWriteZeros(1));
        Assert.Equal(3, writer.Position);
    }
}
