using System.Buffers.Binary;
using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// One Extended DNS Error (RFC 8914 §2): a 16-bit INFO-CODE and optional UTF-8 EXTRA-TEXT for
/// humans. A message may carry several.
/// </summary>
public readonly record struct ExtendedDnsError(ExtendedDnsErrorCode Code, string? Text = null)
{
    /// <summary>Parses option data; shorter than the 2-byte INFO-CODE is a format error.</summary>
    public static ExtendedDnsError Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "Extended DNS Error option shorter than its INFO-CODE");
        }

        var code = (ExtendedDnsErrorCode)BinaryPrimitives.ReadUInt16BigEndian(data);
        ReadOnlySpan<byte> text = data[2..];

        // RFC 8914 §2: EXTRA-TEXT is not NUL-terminated, but some senders add one; drop it.
        while (!text.IsEmpty && text[^1] == 0)
        {
            text = text[..^1];
        }

        return new ExtendedDnsError(code, text.IsEmpty ? null : Encoding.UTF8.GetString(text));
    }

    /// <summary>Writes a whole EDE option with UTF-8 EXTRA-TEXT given as bytes (no allocation).</summary>
    public static bool TryWriteOption(ref DnsWriter writer, ExtendedDnsErrorCode code, ReadOnlySpan<byte> utf8Text)
    {
        if (utf8Text.Length > ushort.MaxValue - 2)
        {
            return false;
        }

        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteUInt16((ushort)EdnsOptionCode.ExtendedDnsError)
            && writer.TryWriteUInt16((ushort)(2 + utf8Text.Length))
            && writer.TryWriteUInt16((ushort)code)
            && writer.TryWriteBytes(utf8Text))
        {
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    /// <summary>The option data (INFO-CODE + EXTRA-TEXT).</summary>
    public byte[] ToOptionData()
    {
        int textLength = Text is null ? 0 : Encoding.UTF8.GetByteCount(Text);
        byte[] data = new byte[2 + textLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)Code);
        if (Text is not null)
        {
            Encoding.UTF8.GetBytes(Text, data.AsSpan(2));
        }

        return data;
    }

    public override string ToString() => Text is null ? $"EDE {(ushort)Code} ({Code})" : $"EDE {(ushort)Code} ({Code}): {Text}";
}
