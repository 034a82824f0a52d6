using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SplitDns.Protocol.Hashing;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit PRF, the MAC of interoperable
/// DNS server cookies (RFC 9018 §4.4) and the keyed hash of rate-limit table slots. A value
/// type that is fed in pieces (<see cref="Append(ReadOnlySpan{byte})"/>) and finished once, so
/// a cookie's fields need not be copied together first. Allocates nothing.
/// </summary>
public struct SipHash24
{
    private ulong _v0;
    private ulong _v1;
    private ulong _v2;
    private ulong _v3;
    private ulong _tail;
    private int _tailLength;
    private ulong _length;

    /// <param name="key">The 16-byte key (k0, k1 little-endian, as in the reference code).</param>
    public SipHash24(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("a SipHash key is 16 bytes", nameof(key));
        }

        ulong k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        _v0 = 0x736f6d6570736575UL ^ k0;
        _v1 = 0x646f72616e646f6dUL ^ k1;
        _v2 = 0x6c7967656e657261UL ^ k0;
        _v3 = 0x7465646279746573UL ^ k1;
        _tail = 0;
        _tailLength = 0;
        _length = 0;
    }

    /// <summary>The hash of one buffer.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var h = new SipHash24(key);
        h.Append(data);
        return h.Finish();
    }

    public void Append(byte value)
    {
        _tail |= (ulong)value << (8 * _tailLength);
        _length++;
        if (++_tailLength == 8)
        {
            Compress(_tail);
            _tail = 0;
            _tailLength = 0;
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (_tailLength != 0 && !data.IsEmpty)
        {
            Append(data[0]);
            data = data[1..];
        }

        while (data.Length >= 8)
        {
            Compress(BinaryPrimitives.ReadUInt64LittleEndian(data));
            _length += 8;
            data = data[8..];
        }

        foreach (byte b in data)
        {
            Append(b);
        }
    }

    /// <summary>The 64-bit result; the state must not be used afterwards.</summary>
    public ulong Finish()
    {
        ulong last = (_length << 56) | _tail;
        Compress(last);
        _v2 ^= 0xff;
        Round();
        Round();
        Round();
        Round();
        return _v0 ^ _v1 ^ _v2 ^ _v3;
    }

    /// <summary>The result written as 8 bytes in the reference code's (little-endian) order.</summary>
    public void Finish(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Finish());

    private void Compress(ulong m)
    {
        _v3 ^= m;
        Round();
        Round();
        _v0 ^= m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Round()
    {
        _v0 += _v1;
        _v1 = BitOperations.RotateLeft(_v1, 13);
        _v1 ^= _v0;
        _v0 = BitOperations.RotateLeft(_v0, 32);
        _v2 += _v3;
        _v3 = BitOperations.RotateLeft(_v3, 16);
        _v3 ^= _v2;
        _v0 += _v3;
        _v3 = BitOperations.RotateLeft(_v3, 21);
        _v3 ^= _v0;
        _v2 += _v1;
        _v1 = BitOperations.RotateLeft(_v1, 17);
        _v1 ^= _v2;
        _v2 = BitOperations.RotateLeft(_v2, 32);
    }
}
