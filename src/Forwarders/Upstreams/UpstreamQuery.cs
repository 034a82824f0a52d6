using System.Buffers.Binary;
using System.Security.Cryptography;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// One query to one upstream: a fresh random ID per try (RFC 5452 §9.2), RD set, EDNS with our
/// payload size and the client's DO, the client's CD. <see cref="Matches"/> is the spoofing
/// check every transport applies before accepting an answer (RFC 5452 §3).
/// </summary>
public sealed class UpstreamQuery
{
    /// <summary>RFC 9715 / DNS Flag Day 2020: 1232 avoids IP fragmentation.</summary>
    public const ushort EdnsPayloadSize = 1232;

    private const int MaxQuerySize = 512;

    private readonly bool _dnssecOk;
    private readonly bool _checkingDisabled;

    private UpstreamQuery(DnsQuestion question, ushort id, byte[] wire, bool dnssecOk, bool checkingDisabled)
    {
        Question = question;
        Id = id;
        Wire = wire;
        _dnssecOk = dnssecOk;
        _checkingDisabled = checkingDisabled;
    }

    public DnsQuestion Question { get; }

    public ushort Id { get; }

    /// <summary>The encoded query (no length prefix).</summary>
    public byte[] Wire { get; }

    public static UpstreamQuery Create(DnsQuestion question, bool dnssecOk, bool checkingDisabled) =>
        Create(question, dnssecOk, checkingDisabled, (ushort)RandomNumberGenerator.GetInt32(0, 65536), null);

    /// <summary>The same question and ID with a COOKIE option (RFC 7873 §5.1): our client cookie and the server's, if known.</summary>
    public UpstreamQuery WithCookie(ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie) =>
        Create(Question, _dnssecOk, _checkingDisabled, Id, DnsCookie.CreateOption(clientCookie, serverCookie));

    private static UpstreamQuery Create(DnsQuestion question, bool dnssecOk, bool checkingDisabled, ushort id, EdnsOption? option)
    {
        var message = new DnsMessage();
        message.Header.Id = id;
        message.Header.RecursionDesired = true;
        message.Header.CheckingDisabled = checkingDisabled;
        message.Questions.Add(question);
        message.Edns = new EdnsRecord { UdpPayloadSize = EdnsPayloadSize, DnssecOk = dnssecOk };
        if (option is not null)
        {
            message.Edns.Options.Add(option.Value);
        }

        // A query fits in 512 octets (name ≤ 255, OPT with a 40-octet COOKIE); DnsMessage.ToArray
        // would zero a 64 KiB buffer per query.
        Span<byte> buffer = stackalloc byte[MaxQuerySize];
        if (!message.TryWrite(buffer, MaxQuerySize, out int written))
        {
            throw new InvalidOperationException("an upstream query does not fit 512 octets");
        }

        return new UpstreamQuery(question, id, buffer[..written].ToArray(), dnssecOk, checkingDisabled);
    }

    /// <summary>The same question under another ID (a retry, a TCP fallback, or DoH's ID 0).</summary>
    public UpstreamQuery WithId(ushort id)
    {
        byte[] copy = (byte[])Wire.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(copy, id);
        return new UpstreamQuery(Question, id, copy, _dnssecOk, _checkingDisabled);
    }

    public UpstreamQuery WithNewId() => WithId((ushort)RandomNumberGenerator.GetInt32(0, 65536));

    /// <summary>
    /// True when <paramref name="response"/> answers this query: same ID, QR set, opcode QUERY,
    /// one question with the same name (ASCII case-insensitive), type and class.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> response)
    {
        if (!DnsHeader.TryRead(response, out DnsHeader header)
            || header.Id != Id || !header.IsResponse || header.Opcode != DnsOpcode.Query || header.QuestionCount != 1)
        {
            return false;
        }

        try
        {
            var reader = new DnsReader(response, DnsHeader.Size);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            int length = reader.ReadName(name);
            return DnsName.AsciiEqualsIgnoreCase(name[..length], Question.Name.Wire)
                && reader.ReadUInt16() == (ushort)Question.Type
                && reader.ReadUInt16() == (ushort)Question.Class;
        }
        catch (DnsFormatException)
        {
            return false;
        }
    }

    /// <summary>True when only the ID matches: someone answered with another question (a spoof or a broken server).</summary>
    public bool IdMatches(ReadOnlySpan<byte> response) =>
        response.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(response) == Id;
}
