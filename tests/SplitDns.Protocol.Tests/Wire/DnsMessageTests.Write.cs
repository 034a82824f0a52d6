using System.Buffers;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public partial class DnsMessageTests
{
    private static DnsMessage TypicalAnswer()
    {
        var m = new DnsMessage();
        m.Header.Id = 0x2a2a;
        m.Header.IsResponse = true;
        m.Header.AuthoritativeAnswer = true;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.com."), RecordType.A));
        m.Answers.Add(Rr("www.example.com. 300 IN CNAME internal.example.com."));
        m.Answers.Add(Rr("internal.example.com. 300 IN A 192.0.2.72"));
        m.Authority.Add(Rr("example.com. 3600 IN NS ns1.example.com."));
        m.Additional.Add(Rr("ns1.example.com. 3600 IN A 192.0.2.71"));
        m.Edns = new EdnsRecord { UdpPayloadSize = 1232 };
        return m;
    }

    private static ResourceRecord TsigRecord() =>
        new(DnsName.Parse("k1."), RecordType.TSIG, DnsClass.Any, 0, new UnknownRdata(RecordType.TSIG, Convert.FromHexString("0b686d61632d73686132353600" + "00006b013e1e012c0000" + "2a2a00000000")));

    [Fact]
    public void TryWrite_TsigAndEdns_WritesOptBeforeTsig()
    {
        // Regression: OPT was appended after the additional section, i.e. after TSIG (RFC 8945 §5.1).
        DnsMessage m = TypicalAnswer();
        m.Additional.Add(TsigRecord());

        byte[] wire = m.ToArray();
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.NotNull(back.Tsig);
        Assert.NotNull(back.Edns);
        Assert.Equal(2, back.Additional.Count);
        Assert.Equal(3, back.Header.AdditionalCount);
    }

    [Fact]
    public void TryWrite_TruncatedWithTsig_KeepsTsigLastAndSetsTc()
    {
        DnsMessage m = TypicalAnswer();
        for (int i = 0; i < 20; i++)
        {
            m.Answers.Add(Rr($"big{i}.example.com. 60 IN TXT \"{new string('x', 60)}\""));
        }

        m.Additional.Add(TsigRecord());

        byte[] wire = m.ToArray(limit: 512);
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.True(wire.Length <= 512);
        Assert.True(back.Header.Truncated);
        Assert.NotNull(back.Tsig);
        Assert.NotNull(back.Edns);
    }

    [Fact]
    public void TryWrite_AdditionalOnlyDropped_DoesNotSetTc()
    {
        DnsMessage m = TypicalAnswer();
        for (int i = 0; i < 10; i++)
        {
            m.Additional.Add(Rr($"glue{i}.example.com. 60 IN AAAA 2001:db8::{i + 1}"));
        }

        int full = m.ToArray().Length;
        byte[] wire = m.ToArray(limit: full - 30);
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.False(back.Header.Truncated);
        Assert.Equal(2, back.Answers.Count);
        Assert.True(back.Additional.Count < m.Additional.Count);
    }

    [Theory]
    [InlineData(EdnsPadding.ResponseBlockSize)]
    [InlineData(EdnsPadding.QueryBlockSize)]
    public void TryWrite_PadToBlockSize_PadsToMultiple(int block)
    {
        DnsMessage m = TypicalAnswer();
        m.Edns!.PadToBlockSize = block;
        m.Edns.Options.Add(new EdnsOption(EdnsOptionCode.Padding, new byte[3]));

        byte[] wire = m.ToArray();
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.Equal(0, wire.Length % block);
        Assert.Single(back.Edns!.Options);
        Assert.Equal(EdnsOptionCode.Padding, back.Edns.Options[0].Code);
        Assert.True(back.Edns.Options[0].Data.Span.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void TryWrite_PaddingPastLimit_StopsAtLimit()
    {
        DnsMessage m = TypicalAnswer();
        m.Edns!.PadToBlockSize = EdnsPadding.ResponseBlockSize;

        byte[] wire = m.ToArray(limit: 200);

        Assert.Equal(200, wire.Length);
        Assert.NotNull(DnsMessage.Parse(wire).Edns!.Find(EdnsOptionCode.Padding));
    }

    [Fact]
    public void TryWrite_WarmedUp_AllocatesNothing()
    {
        DnsMessage m = TypicalAnswer();
        byte[] buffer = new byte[1232];
        Assert.True(m.TryWrite(buffer, buffer.Length, out _));

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ok = m.TryWrite(buffer, buffer.Length, out int written);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(ok);
        Assert.True(written > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryWrite_WriterNotAtStart_Throws()
    {
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer);
        writer.TryWriteByte(0);

        try
        {
            TypicalAnswer().TryWrite(ref writer);
            Assert.Fail("no exception");
        }
        catch (ArgumentException)
        {
        }
    }

    [Fact]
    public void TryWriteMessage_ArrayBufferWriter_AdvancesByMessageLength()
    {
        var output = new ArrayBufferWriter<byte>();
        DnsMessage m = TypicalAnswer();

        Assert.True(output.TryWriteMessage(m, 1232));
        Assert.True(output.TryWriteMessage(m, 1232));

        byte[] one = m.ToArray();
        Assert.Equal(2 * one.Length, output.WrittenCount);
        Assert.Equal(one, output.WrittenSpan[one.Length..].ToArray());
    }

    [Fact]
    public void TryWriteTcpMessage_ArrayBufferWriter_PrefixesLengthAndKeepsPointersRelative()
    {
        var output = new ArrayBufferWriter<byte>();
        DnsMessage m = TypicalAnswer();

        Assert.True(output.TryWriteTcpMessage(m));

        ReadOnlySpan<byte> frame = output.WrittenSpan;
        int length = (frame[0] << 8) | frame[1];
        Assert.Equal(frame.Length - 2, length);
        DnsMessage back = DnsMessage.Parse(frame[2..]);
        Assert.Equal("internal.example.com.", ((CnameRdata)back.Answers[0].Data).Target.ToString());
    }

    [Fact]
    public void TryWriteMessage_TooSmallLimit_CommitsNothing()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.False(output.TryWriteMessage(TypicalAnswer(), 20));
        Assert.Equal(0, output.WrittenCount);
    }
}
