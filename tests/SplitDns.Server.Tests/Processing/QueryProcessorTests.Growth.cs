using System.Net;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

public partial class QueryProcessorTests
{
    [Fact]
    public async Task Process_TcpAnswerLargerThanGivenBuffer_EncodedAgainIntoGrownBuffer()
    {
        // big.chains.test: about 800 octets of TXT, given 256 octets to start with.
        var ctx = new QueryContext { Transport = DnsTransport.Tcp };
        ctx.SetClient(new IPEndPoint(IPAddress.Loopback, 40000));
        var sink = new GrowingSink();

        int length = await _h.Processor.ProcessAsync(ctx, Harness.BuildQuery("big.chains.test.", RecordType.TXT), new byte[256], sink, CancellationToken.None);
        DnsMessage r = DnsMessage.Parse(sink.Grown.AsSpan(0, length));

        Assert.Equal(1, sink.Grows);
        Assert.False(r.Header.Truncated);
        Assert.Equal(7, r.Answers.Count);
    }

    [Fact]
    public async Task Process_TcpAnswerFitsGivenBuffer_NoGrowth()
    {
        var ctx = new QueryContext { Transport = DnsTransport.Tcp };
        ctx.SetClient(new IPEndPoint(IPAddress.Loopback, 40000));
        var sink = new GrowingSink();
        byte[] small = new byte[4096];

        int length = await _h.Processor.ProcessAsync(ctx, Harness.BuildQuery("big.chains.test.", RecordType.TXT), small, sink, CancellationToken.None);

        Assert.Equal(0, sink.Grows);
        Assert.Equal(7, DnsMessage.Parse(small.AsSpan(0, length)).Answers.Count);
    }

    private sealed class GrowingSink : IResponseSink, IGrowableResponse
    {
        public byte[] Grown { get; } = new byte[ushort.MaxValue];

        public int Grows { get; private set; }

        public DnsTransport Transport => DnsTransport.Tcp;

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct = default) => default;

        public ValueTask<Memory<byte>> GrowAsync(CancellationToken ct)
        {
            Grows++;
            return new ValueTask<Memory<byte>>(Grown);
        }
    }
}
