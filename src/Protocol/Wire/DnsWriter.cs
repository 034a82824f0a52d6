using System.Buffers.Binary;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Writes a DNS message into a caller's span. Running out of room is a result (<c>false</c>),
/// never an exception: callers take a <see cref="Mark"/>, try to write a whole RRset and
/// <see cref="Reset"/> on failure, then set TC. Names are compressed (RFC 1035 §4.1.4) unless
/// the writer is in canonical mode (RFC 4034 §6.2: no compression, names lowercased).
/// </summary>
public ref partial struct DnsWriter
{
    private readonly Span<byte> _buffer;
    private readonly int _limit;
    private int _position;
    private CompressionTable _table;
    private bool _compressionDisabled;

    // Where the last name written can be pointed at (-1: none). Consecutive names are often the
    // same (question and first owner, CNAME target and next owner, NS target and glue owner): a
    // repeat becomes a pointer without hashing or a table lookup.
    private int _lastName;

    public DnsWriter(Span<byte> buffer, bool canonical = false)
        : this(buffer, buffer.Length, canonical)
    {
    }

    /// <param name="limit">Bytes that may be used (e.g. the client's UDP payload size).</param>
    public DnsWriter(Span<byte> buffer, int limit, bool canonical = false)
    {
        _buffer = buffer;
        _limit = Math.Min(limit, buffer.Length);
        _position = 0;
        _table = default;
        _compressionDisabled = false;
        _lastName = -1;
        Canonical = canonical;
    }

    /// <summary>Canonical mode: names uncompressed and lowercased (for comparison and signatures).</summary>
    public bool Canonical { get; }

    public readonly int Position => _position;

    /// <summary>Writes every later name in full (e.g. UPDATE for peers that reject compression).</summary>
    public void DisableCompression() => _compressionDisabled = true;

    /// <summary>
    /// Whether later names may be written as pointers. Switched off around a record whose size was
    /// reserved in advance (TSIG), so the reservation stays exact.
    /// </summary>
    public bool CompressionEnabled
    {
        readonly get => !_compressionDisabled;
        set => _compressionDisabled = !value;
    }

    public readonly int Limit => _limit;

    public readonly Span<byte> Buffer => _buffer;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    public readonly Mark GetMark() => new(_position, _table.Count);

    public void Reset(Mark mark)
    {
        _position = mark.Position;
        _table.Count = mark.CompressionCount;
        _lastName = -1;
    }

    public bool TryWriteByte(byte value)
    {
        if (_position + 1 > _limit)
        {
            return false;
        }

        _buffer[_position++] = value;
        return true;
    }

    public bool TryWriteUInt16(ushort value)
    {
        if (_position + 2 > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
        return true;
    }

    public bool TryWriteUInt32(uint value)
    {
        if (_position + 4 > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
        return true;
    }

    public bool TryWriteUInt48(ulong value) =>
        TryWriteUInt16((ushort)(value >> 32)) && TryWriteUInt32((uint)value);

    public bool TryWriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (_position + bytes.Length > _limit)
        {
            return false;
        }

        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
        return true;
    }

    /// <summary>Writes <paramref name="count"/> zero octets (EDNS padding, RFC 7830 §3).</summary>
    public bool TryWriteZeros(int count)
    {
        if (count < 0 || _position + count > _limit)
        {
            return false;
        }

        _buffer.Slice(_position, count).Clear();
        _position += count;
        return true;
    }

    /// <summary>Writes a length-prefixed character-string (at most 255 bytes).</summary>
    public bool TryWriteCharacterString(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 255)
        {
            throw new ArgumentException("character-string longer than 255 octets", nameof(bytes));
        }

        return TryWriteByte((byte)bytes.Length) && TryWriteBytes(bytes);
    }

    /// <summary>Reserves two bytes (e.g. RDLENGTH) and returns their offset for <see cref="PatchUInt16"/>.</summary>
    public bool TryReserveUInt16(out int offset)
    {
        offset = _position;
        return TryWriteUInt16(0);
    }

    public readonly void PatchUInt16(int offset, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[offset..], value);

    public bool TryWriteName(DnsName name, bool compress = true) => TryWriteName(name.Wire, compress);

    /// <summary>
    /// Writes an uncompressed wire name, compressing against earlier names when allowed: the
    /// longest suffix already written becomes a pointer (RFC 1035 §4.1.4). All or nothing.
    /// </summary>
    public bool TryWriteName(ReadOnlySpan<byte> wire, bool compress = true)
    {
        if (Canonical)
        {
            return TryWriteCanonicalName(wire);
        }

        bool compressing = compress && !_compressionDisabled;
        if (compressing && _lastName >= 0 && CompressionTable.Matches(_buffer, _lastName, wire))
        {
            if (_position + 2 > _limit)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)(0xC000 | _lastName));
            _position += 2;
            return true;
        }

        // A name of at most 64 octets has at most 31 labels. The JIT turns a constant stackalloc
        // into a frame slot zeroed on every call, so the common case gets a small one and long
        // names (up to 127 labels) a separate frame.
        if (wire.Length > 64)
        {
            return TryWriteLongName(wire, compressing);
        }

        return TryWriteName(wire, compressing, stackalloc uint[32]);
    }

    private bool TryWriteLongName(ReadOnlySpan<byte> wire, bool compressing) =>
        TryWriteName(wire, compressing, stackalloc uint[128]);

    private bool TryWriteName(ReadOnlySpan<byte> wire, bool compressing, scoped Span<uint> hashes)
    {
        int labels = CompressionTable.HashSuffixes(wire, hashes);

        // Find the first (longest) suffix written before; everything in front of it is copied.
        int matched = labels;
        int prefixLength = wire.Length;
        ushort pointer = 0;
        if (compressing)
        {
            int usable = _table.Count;
            for (int k = 0, offset = 0; k < labels; k++, offset += wire[offset] + 1)
            {
                if (_table.TryFind(_buffer, wire[offset..], hashes[k], usable, out pointer))
                {
                    matched = k;
                    prefixLength = offset;
                    break;
                }
            }
        }

        int needed = prefixLength + (matched < labels ? 2 : 0);
        if (_position + needed > _limit)
        {
            return false;
        }

        wire[..prefixLength].CopyTo(_buffer[_position..]);
        for (int k = 0, offset = 0; k < matched; k++, offset += wire[offset] + 1)
        {
            _table.Add(_position + offset, hashes[k]);
        }

        // A name of only a pointer is found at the pointer's target; pointers have 14 bits.
        int start = prefixLength == 0 && matched < labels ? pointer : _position;
        _lastName = labels > 0 && start < 0x4000 ? start : -1;
        _position += prefixLength;
        if (matched < labels)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)(0xC000 | pointer));
            _position += 2;
        }

        return true;
    }

    private bool TryWriteCanonicalName(ReadOnlySpan<byte> wire)
    {
        if (_position + wire.Length > _limit)
        {
            return false;
        }

        for (int i = 0; i < wire.Length; i++)
        {
            _buffer[_position + i] = DnsName.ToLower(wire[i]);
        }

        _position += wire.Length;
        return true;
    }

    /// <summary>A point to return to with <see cref="Reset"/>.</summary>
    public readonly record struct Mark(int Position, int CompressionCount);
}
