using System.Buffers.Binary;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Reads a DNS message from a span. A message is always complete here (UDP datagram or one TCP
/// frame), so running out of bytes is a format error. Every failure is a
/// <see cref="DnsFormatException"/>; nothing else escapes.
/// </summary>
public ref partial struct DnsReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    public DnsReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = 0;
    }

    public DnsReader(ReadOnlySpan<byte> message, int position)
    {
        _message = message;
        _position = position;
    }

    public readonly ReadOnlySpan<byte> Message => _message;

    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public readonly int Remaining => _message.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _message.Length)
        {
            ThrowHelper.Truncated();
        }

        return _message[_position++];
    }

    public ushort ReadUInt16()
    {
        if (_position + 2 > _message.Length)
        {
            ThrowHelper.Truncated();
        }

        ushort value = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (_position + 4 > _message.Length)
        {
            ThrowHelper.Truncated();
        }

        uint value = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadUInt48()
    {
        ulong high = ReadUInt16();
        ulong low = ReadUInt32();
        return (high << 32) | low;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || _position + count > _message.Length)
        {
            ThrowHelper.Truncated();
        }

        ReadOnlySpan<byte> slice = _message.Slice(_position, count);
        _position += count;
        return slice;
    }

    public void Skip(int count) => ReadBytes(count);

    /// <summary>Reads a length-prefixed character-string (RFC 1035 §3.3).</summary>
    public ReadOnlySpan<byte> ReadCharacterString()
    {
        int length = ReadByte();
        return ReadBytes(length);
    }

    /// <summary>Reads a possibly compressed name into an allocated <see cref="DnsName"/>.</summary>
    public DnsName ReadName()
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        int length = ReadName(buffer);
        return DnsName.FromValidatedWire(buffer[..length].ToArray());
    }

    /// <summary>
    /// Reads a possibly compressed name, writing its uncompressed wire form into
    /// <paramref name="destination"/> (at least 255 bytes) and returning its length. Pointers must
    /// point strictly backwards (RFC 1035 §4.1.4, and loop-proof by construction) and outside the
    /// 12-byte header.
    /// </summary>
    public int ReadName(scoped Span<byte> destination)
    {
        int written = 0;
        int cursor = _position;
        int end = -1;
        int lowestPointerTarget = _position;
        while (true)
        {
            if (cursor >= _message.Length)
            {
                ThrowHelper.Truncated();
            }

            byte len = _message[cursor];
            int kind = len & 0xC0;
            if (kind == 0xC0)
            {
                if (cursor + 1 >= _message.Length)
                {
                    ThrowHelper.Truncated();
                }

                int target = ((len & 0x3F) << 8) | _message[cursor + 1];
                if (end < 0)
                {
                    end = cursor + 2;
                }

                // Each pointer must go strictly before the earliest byte read so far: no loops.
                // Past the pointer itself is a forward pointer; anywhere already read is a loop.
                if (target >= lowestPointerTarget)
                {
                    ThrowHelper.Format(target > cursor ? DnsFormatError.BadPointer : DnsFormatError.PointerLoop,
                        "compression pointer does not point backwards");
                }

                if (target < DnsHeader.Size)
                {
                    ThrowHelper.Format(DnsFormatError.BadPointer, "compression pointer into the header");
                }

                lowestPointerTarget = target;
                cursor = target;
                continue;
            }

            if (kind != 0)
            {
                ThrowHelper.Format(DnsFormatError.BadLabelType, "unsupported label type");
            }

            if (written + len + 1 > DnsName.MaxLength)
            {
                ThrowHelper.Format(DnsFormatError.NameTooLong, "name longer than 255 octets");
            }

            if (cursor + 1 + len > _message.Length)
            {
                ThrowHelper.Truncated();
            }

            _message.Slice(cursor, len + 1).CopyTo(destination[written..]);
            written += len + 1;
            cursor += len + 1;
            if (len == 0)
            {
                _position = end < 0 ? cursor : end;
                return written;
            }
        }
    }

    /// <summary>Skips over a possibly compressed name without decoding pointers' targets.</summary>
    public void SkipName()
    {
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        ReadName(scratch);
    }

    /// <summary>Reads a name that must not be compressed (e.g. inside RDATA of newer types, RFC 3597 §4).</summary>
    public DnsName ReadUncompressedName()
    {
        int start = _position;
        int i = _position;
        while (true)
        {
            if (i >= _message.Length)
            {
                ThrowHelper.Truncated();
            }

            int len = _message[i];
            if ((len & 0xC0) != 0)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "compressed name where compression is not allowed");
            }

            i += len + 1;
            if (i - start > DnsName.MaxLength)
            {
                ThrowHelper.Format(DnsFormatError.NameTooLong, "name longer than 255 octets");
            }

            if (len == 0)
            {
                break;
            }
        }

        _position = i;
        return DnsName.FromValidatedWire(_message[start..i].ToArray());
    }
}
