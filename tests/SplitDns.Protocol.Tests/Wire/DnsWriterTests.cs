using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public class DnsWriterTests
{
    // Regression (found by RdataPropertyTests.Name_PresentationAndWire_RoundTripExactly): a name
    // whose last labels repeat ("o.o.") was compressed against its own unwritten tail, giving a
    // pointer loop. The buffer is dirtied with zeros and 0xC0 to mimic a reused pooled buffer.
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

    [Fact]
    public void TryWriteName_SuffixOfEarlierName_PointsIntoIt()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsWriter(buffer);
        writer.TryWriteBytes(new byte[12]);
        Assert.True(writer.TryWriteName(DnsName.Parse("www.example.com.")));
        Assert.True(writer.TryWriteName(DnsName.Parse("mail.example.com.")));
        Assert.Equal("046d61696c" + "c010", Convert.ToHexStringLower(buffer[29..writer.Position]));
    }

    [Fact]
    public void TryWriteName_DifferentCase_DoesNotCompressAcrossCase()
    {
        // Case-exact matching keeps every name's case as stored (AXFR clients compare case-sensitively).
        byte[] buffer = new byte[64];
        var writer = new DnsWriter(buffer);
        writer.TryWriteBytes(new byte[12]);
        Assert.True(writer.TryWriteName(DnsName.Parse("www.example.com.")));
        Assert.True(writer.TryWriteName(DnsName.Parse("mail.EXAMPLE.com.")));
        Assert.Equal("046d61696c" + "074558414d504c45" + "c018", Convert.ToHexStringLower(buffer[29..writer.Position]));
    }

    [Fact]
    public void TryWriteName_OutOfRoom_FalseAndPositionUnchanged()
    {
        byte[] buffer = new byte[20];
        var writer = new DnsWriter(buffer);
        writer.TryWriteBytes(new byte[12]);
        Assert.False(writer.TryWriteName(DnsName.Parse("www.example.com.")));
        Assert.Equal(12, writer.Position);
    }
}
