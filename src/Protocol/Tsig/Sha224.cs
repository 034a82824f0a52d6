using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// SHA-224 (FIPS 180-4 §6.3: SHA-256 with other initial values, truncated to 28 bytes) and
/// HMAC-SHA224 (RFC 2104). .NET has no SHA-224, but hmac-sha224 is a TSIG algorithm that
/// external-dns offers (RFC 4635 §2), so it lives here, managed and allocation-free.
/// </summary>
internal static class Sha224
{
    public const int HashLength = 28;
    private const int BlockLength = 64;

    private static readonly uint[] s_k =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>SHA-224 of the concatenation <paramref name="first"/> || <paramref name="second"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        Span<uint> state = stackalloc uint[8];
        state[0] = 0xc1059ed8;
        state[1] = 0x367cd507;
        state[2] = 0x3070dd17;
        state[3] = 0xf70e5939;
        state[4] = 0xffc00b31;
        state[5] = 0x68581511;
        state[6] = 0x64f98fa7;
        state[7] = 0xbefa4fa4;

        Span<byte> block = stackalloc byte[BlockLength];
        int filled = 0;
        Absorb(state, block, ref filled, first);
        Absorb(state, block, ref filled, second);

        // FIPS 180-4 §5.1.1 padding: 0x80, zeros, then the message length in bits (64-bit big endian).
        ulong bitLength = ((ulong)first.Length + (ulong)second.Length) * 8;
        block[filled++] = 0x80;
        if (filled > BlockLength - 8)
        {
            block[filled..].Clear();
            Compress(state, block);
            filled = 0;
        }

        block[filled..(BlockLength - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockLength - 8)..], bitLength);
        Compress(state, block);

        for (int i = 0; i < 7; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], state[i]);
        }
    }

    /// <summary>HMAC-SHA224 (RFC 2104 with B = 64, L = 28).</summary>
    public static void HmacData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> keyBlock = stackalloc byte[BlockLength];
        keyBlock.Clear();
        if (key.Length > BlockLength)
        {
            HashData(key, default, keyBlock);
        }
        else
        {
            key.CopyTo(keyBlock);
        }

        Span<byte> pad = stackalloc byte[BlockLength];
        Span<byte> inner = stackalloc byte[HashLength];
        for (int i = 0; i < BlockLength; i++)
        {
            pad[i] = (byte)(keyBlock[i] ^ 0x36);
        }

        HashData(pad, source, inner);
        for (int i = 0; i < BlockLength; i++)
        {
            pad[i] = (byte)(keyBlock[i] ^ 0x5c);
        }

        HashData(pad, inner, destination);
        CryptographicOperations.ZeroMemory(keyBlock);
        CryptographicOperations.ZeroMemory(pad);
    }

    private static void Absorb(Span<uint> state, Span<byte> block, ref int filled, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (filled == 0 && data.Length >= BlockLength)
            {
                Compress(state, data[..BlockLength]);
                data = data[BlockLength..];
                continue;
            }

            int take = Math.Min(BlockLength - filled, data.Length);
            data[..take].CopyTo(block[filled..]);
            filled += take;
            data = data[take..];
            if (filled == BlockLength)
            {
                Compress(state, block);
                filled = 0;
            }
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (int t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (int t = 16; t < 64; t++)
        {
            uint s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3];
        uint e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint ch = (e & f) ^ (~e & g);
            uint t1 = h + sum1 + ch + s_k[t] + w[t];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint maj = (a & b) ^ (a & c) ^ (b & c);
            uint t2 = sum0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
