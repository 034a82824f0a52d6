using BenchmarkDotNet.Attributes;
using SplitDns.Protocol.Wire;

namespace SplitDns.Bench.Protocol;

/// <summary>
/// Message codec costs: the zero-allocation query decode (QueryView), the response encode into a
/// reused buffer, and full decode + encode of a typical answer (the forwarder / XFR path).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class DnsMessageBenchmarks
{
    private readonly byte[] _query = Packets.DigQuery;
    private readonly byte[] _answerWire = Packets.TypicalAnswerWire;
    private readonly byte[] _buffer = new byte[1232];
    private readonly byte[] _name = new byte[255];
    private DnsMessage _answer = null!;

    [GlobalSetup]
    public void Setup() => _answer = Packets.TypicalAnswer();

    /// <summary>Header + question + OPT of a dig query: must allocate 0 bytes.</summary>
    [Benchmark]
    public int QueryView_DecodeQuestionAndOpt()
    {
        QueryView view = QueryView.Parse(_query, _name);
        return view.QuestionName.Length + view.UdpPayloadSize;
    }

    /// <summary>Encode a typical answer with compression into a reused buffer: must allocate 0 bytes.</summary>
    [Benchmark]
    public int Encode_TypicalAnswer()
    {
        _answer.TryWrite(_buffer, _buffer.Length, out int written);
        return written;
    }

    /// <summary>The query hot path: decode the query with QueryView, encode the prepared answer.</summary>
    [Benchmark]
    public int QueryViewDecode_PlusEncode_TypicalAnswer()
    {
        QueryView view = QueryView.Parse(_query, _name);
        _answer.Header.Id = view.Header.Id;
        _answer.TryWrite(_buffer, view.UdpPayloadSize, out int written);
        return written;
    }

    /// <summary>Full object decode of the typical answer (allocates the message), then encode.</summary>
    [Benchmark]
    public int FullDecode_PlusEncode_TypicalAnswer()
    {
        DnsMessage m = DnsMessage.Parse(_answerWire);
        m.TryWrite(_buffer, _buffer.Length, out int written);
        return written;
    }

    /// <summary>Full object decode alone.</summary>
    [Benchmark]
    public int FullDecode_TypicalAnswer() => DnsMessage.Parse(_answerWire).Answers.Count;
}
