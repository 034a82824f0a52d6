using System.Buffers.Binary;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>Builds the messages TSIG tests sign and verify.</summary>
internal static class TestMessages
{
    public static ulong Now => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static ResourceRecord Rr(string name, uint ttl, RecordType type, string rdata) =>
        new(DnsName.Parse(name), ttl, RdataFactory.Parse(type, RdataTextReader.FromString(rdata, DnsName.Root)));

    /// <summary>An RFC 2136 UPDATE as external-dns sends it: zone example.com SOA, delete one A, add one A.</summary>
    public static byte[] Update(ushort id = 0x2b3c)
    {
        var header = new DnsHeader { Id = id, Opcode = DnsOpcode.Update, QuestionCount = 1, AuthorityCount = 2 };
        return Build(header, "example.com.", RecordType.SOA, DnsClass.IN,
        [
            new ResourceRecord(DnsName.Parse("v1.example.com."), RecordType.A, DnsClass.None, 0,
                RdataFactory.Parse(RecordType.A, RdataTextReader.FromString("10.0.0.1", DnsName.Root))),
            Rr("v1.example.com.", 400, RecordType.A, "10.0.1.1"),
        ]);
    }

    public static byte[] Query(string name, RecordType type, ushort id = 0x4d5e)
    {
        var header = new DnsHeader { Id = id, QuestionCount = 1, RecursionDesired = true };
        return Build(header, name, type, DnsClass.IN, []);
    }

    /// <summary>A response to <paramref name="request"/>: its ID, opcode, RD and question; QR and AA; the given answers.</summary>
    public static byte[] Response(ReadOnlySpan<byte> request, IReadOnlyList<ResourceRecord> answers, bool includeQuestion = true)
    {
        DnsHeader.TryRead(request, out DnsHeader query);
        var reader = new DnsReader(request, DnsHeader.Size);
        DnsName qname = reader.ReadName();
        var qtype = (RecordType)reader.ReadUInt16();
        var qclass = (DnsClass)reader.ReadUInt16();
        var header = new DnsHeader
        {
            Id = query.Id,
            Opcode = query.Opcode,
            IsResponse = true,
            AuthoritativeAnswer = true,
            RecursionDesired = query.RecursionDesired,
            QuestionCount = (ushort)(includeQuestion ? 1 : 0),
            AnswerCount = (ushort)answers.Count,
        };
        return includeQuestion
            ? Build(header, qname.ToString(), qtype, qclass, answers)
            : Build(header, null, default, default, answers);
    }

    public static byte[] Build(DnsHeader header, string? qname, RecordType qtype, DnsClass qclass, IReadOnlyList<ResourceRecord> records)
    {
        byte[] buffer = new byte[65535];
        var writer = new DnsWriter(buffer);
        header.WriteTo(buffer);
        Assert.True(writer.TryWriteBytes(buffer.AsSpan(0, DnsHeader.Size)));
        if (qname is not null)
        {
            Assert.True(writer.TryWriteName(DnsName.Parse(qname)));
            Assert.True(writer.TryWriteUInt16((ushort)qtype));
            Assert.True(writer.TryWriteUInt16((ushort)qclass));
        }

        foreach (ResourceRecord record in records)
        {
            Assert.True(record.TryWrite(ref writer));
        }

        return writer.Written.ToArray();
    }

    public static (byte[] Signed, byte[] Mac) SignRequest(byte[] message, TsigKey key, ulong now, ushort fudge = TsigSigner.DefaultFudge)
    {
        byte[] buffer = new byte[message.Length + TsigSigner.MaxRecordLength(key.Name, key.Algorithm)];
        message.CopyTo(buffer, 0);
        byte[] mac = new byte[TsigAlgorithm.MaxMacLength];
        Assert.True(TsigSigner.TrySignRequest(buffer, message.Length, key, now, mac, out int length, fudge));
        return (buffer[..length], mac[..key.Algorithm.MacLength]);
    }

    public static byte[] SignResponse(byte[] message, TsigVerifyResult request, ulong now)
    {
        byte[] buffer = new byte[message.Length + TsigSigner.MaxRecordLength(request.OwnerName, TsigAlgorithm.HmacSha512)];
        message.CopyTo(buffer, 0);
        Assert.True(TsigSigner.TrySignResponse(buffer, message.Length, request, now, out int length));
        return buffer[..length];
    }

    public static ushort Rcode(ReadOnlySpan<byte> message) => (ushort)(BinaryPrimitives.ReadUInt16BigEndian(message[2..]) & 0xF);

    public static ushort AdditionalCount(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
}
