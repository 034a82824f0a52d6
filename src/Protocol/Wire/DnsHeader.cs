using System.Buffers.Binary;

namespace SplitDns.Protocol.Wire;

/// <summary>The fixed 12-byte message header (RFC 1035 §4.1.1).</summary>
public struct DnsHeader
{
    public const int Size = 12;

    public ushort Id;
    public ushort Flags;
    public ushort QuestionCount;
    public ushort AnswerCount;
    public ushort AuthorityCount;
    public ushort AdditionalCount;

    public bool IsResponse
    {
        readonly get => (Flags & 0x8000) != 0;
        set => SetFlag(0x8000, value);
    }

    public DnsOpcode Opcode
    {
        readonly get => (DnsOpcode)((Flags >> 11) & 0xF);
        set => Flags = (ushort)((Flags & ~0x7800) | (((int)value & 0xF) << 11));
    }

    public bool AuthoritativeAnswer
    {
        readonly get => (Flags & 0x0400) != 0;
        set => SetFlag(0x0400, value);
    }

    public bool Truncated
    {
        readonly get => (Flags & 0x0200) != 0;
        set => SetFlag(0x0200, value);
    }

    public bool RecursionDesired
    {
        readonly get => (Flags & 0x0100) != 0;
        set => SetFlag(0x0100, value);
    }

    public bool RecursionAvailable
    {
        readonly get => (Flags & 0x0080) != 0;
        set => SetFlag(0x0080, value);
    }

    /// <summary>The reserved Z bit (must be zero in responses).</summary>
    public bool Z
    {
        readonly get => (Flags & 0x0040) != 0;
        set => SetFlag(0x0040, value);
    }

    public bool AuthenticData
    {
        readonly get => (Flags & 0x0020) != 0;
        set => SetFlag(0x0020, value);
    }

    public bool CheckingDisabled
    {
        readonly get => (Flags & 0x0010) != 0;
        set => SetFlag(0x0010, value);
    }

    /// <summary>The low 4 bits of the response code (the high 8 bits live in OPT).</summary>
    public int Rcode
    {
        readonly get => Flags & 0xF;
        set => Flags = (ushort)((Flags & ~0xF) | (value & 0xF));
    }

    public static bool TryRead(ReadOnlySpan<byte> message, out DnsHeader header)
    {
        if (message.Length < Size)
        {
            header = default;
            return false;
        }

        header = new DnsHeader
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(message),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]),
            QuestionCount = BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            AnswerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            AuthorityCount = BinaryPrimitives.ReadUInt16BigEndian(message[8..]),
            AdditionalCount = BinaryPrimitives.ReadUInt16BigEndian(message[10..]),
        };
        return true;
    }

    public readonly void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], AdditionalCount);
    }

    private void SetFlag(int mask, bool value) => Flags = (ushort)(value ? Flags | mask : Flags & ~mask);
}
