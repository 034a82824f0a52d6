using System.Net;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Chaos;

/// <summary>
/// Hand-signed RFC 2136 UPDATEs and queries for the chaos tests: the signing time is the caller's
/// (so a test can be ahead of or behind the server's clock), the request bytes are kept (so a test
/// can replay them), and every request carries OPT so error answers can carry an EDE.
/// </summary>
internal static class SignedUpdates
{
    public static readonly TsigKey Key = TsigKey.Parse(SplitDnsProcess.KeySpec);

    /// <summary>An UPDATE of example.com. adding <paramref name="records"/>, signed at <paramref name="time"/>.</summary>
    public static byte[] Add(ulong time, params ResourceRecord[] records) => Add(time, out _, records);

    public static byte[] Add(ulong time, out byte[] mac, params ResourceRecord[] records)
    {
        var m = new DnsMessage { Edns = new EdnsRecord() };
        m.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue);
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        m.Authority.AddRange(records);
        return DnsWire.Sign(m.ToArray(), Key, time, out mac);
    }

    /// <summary>An UPDATE of example.com. deleting the A RRset at <paramref name="name"/> (RFC 2136 §2.5.2; the external-dns preset grants A, not ANY).</summary>
    public static byte[] DeleteName(ulong time, string name)
    {
        var m = new DnsMessage { Edns = new EdnsRecord() };
        m.Header.Id = (ushort)Random.Shared.Next(ushort.MaxValue);
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        m.Authority.Add(new ResourceRecord(DnsName.Parse(name), RecordType.A, DnsClass.Any, 0, new UnknownRdata(RecordType.A, [])));
        return DnsWire.Sign(m.ToArray(), Key, time);
    }

    public static ResourceRecord A(string name, string address) =>
        new(DnsName.Parse(name), 60, new ARdata(IPAddress.Parse(address)));

    /// <summary>A TXT record of about <paramref name="octets"/> octets of RDATA (strings of 250).</summary>
    public static ResourceRecord BigTxt(string name, int octets) =>
        new(DnsName.Parse(name), 60, new TxtRdata(Enumerable.Range(0, Math.Max(1, octets / 251)).Select(i => new string((char)('a' + i % 26), 250)).ToArray()));

    public static async Task<DnsMessage> SendAsync(IPEndPoint server, byte[] request) =>
        DnsMessage.Parse((await DnsWire.ExchangeTcpAsync(server, request))[0]);

    /// <summary>The TSIG RDATA of a response (the last additional record).</summary>
    public static TsigRdata Tsig(DnsMessage response) =>
        (TsigRdata)(response.Tsig ?? throw new InvalidOperationException("the response is not signed")).Data;

    /// <summary>RFC 8945 §5.2.3: a BADTIME answer's Other Data is the server's time, 48 bits.</summary>
    public static ulong ServerTime(TsigRdata badTime)
    {
        ReadOnlySpan<byte> other = badTime.OtherData;
        Assert.Equal(6, other.Length);
        return ((ulong)System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(other) << 32)
            | System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(other[2..]);
    }
}
