using System.Numerics;
using System.Runtime.CompilerServices;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Offsets of label sequences already written, to point back at (RFC 1035 §4.1.4). Fixed size
/// and inline so a writer allocates nothing; when full, later names are written uncompressed.
/// Each entry keeps a hash of its uncompressed label sequence, so a lookup compares bytes only on a
/// likely hit instead of walking every earlier name.
/// </summary>
internal struct CompressionTable
{
    public const int Capacity = 96;

    private Offsets _offsets;
    private Hashes _hashes;

    public int Count;

    /// <summary>Hash of the root suffix; longer suffixes extend it label by label.</summary>
    public const uint RootHash = 2166136261;

    /// <summary>
    /// Extends the hash of a suffix by the label in front of it. Only the length and three bytes
    /// of the label are mixed in: cheap, and a collision costs one byte comparison, never a
    /// wrong pointer.
    /// </summary>
    public static uint Extend(uint suffixHash, ReadOnlySpan<byte> label) => Extend(suffixHash, label, 0);

    /// <summary>Same as <see cref="Extend(uint, ReadOnlySpan{byte})"/> for the label at <paramref name="start"/>.</summary>
    public static uint Extend(uint suffixHash, ReadOnlySpan<byte> wire, int start)
    {
        int len = wire[start];
        uint mix = (uint)len | ((uint)wire[start + 1] << 8) | ((uint)wire[start + len] << 16) | ((uint)wire[start + ((len + 1) >> 1)] << 24);
        return (BitOperations.RotateLeft(suffixHash, 7) ^ mix) * 0x9E3779B1;
    }

    /// <summary>
    /// Hashes every suffix of <paramref name="wire"/> into <paramref name="hashes"/> (index = label
    /// number) in one right-to-left pass; returns the label count.
    /// </summary>
    public static int HashSuffixes(ReadOnlySpan<byte> wire, Span<uint> hashes)
    {
        int count = 0;
        for (int i = 0; wire[i] != 0; i += wire[i] + 1)
        {
            hashes[count++] = (uint)i;
        }

        uint hash = RootHash;
        for (int k = count - 1; k >= 0; k--)
        {
            hash = Extend(hash, wire, (int)hashes[k]);
            hashes[k] = hash;
        }

        return count;
    }

    public void Add(int offset, uint hash)
    {
        // Pointers have 14 bits; the table is a best effort.
        if (Count < Capacity && offset < 0x4000)
        {
            _offsets[Count] = (ushort)offset;
            _hashes[Count] = hash;
            Count++;
        }
    }

    /// <summary>
    /// Finds an earlier occurrence of the label sequence <paramref name="suffix"/> among the first
    /// <paramref name="usable"/> entries. Entries of the name being written are not usable: its
    /// end is not written yet, and matching them would make a pointer loop (RFC 1035 §4.1.4
    /// pointers refer to a prior occurrence of a complete name).
    /// </summary>
    public readonly bool TryFind(ReadOnlySpan<byte> buffer, ReadOnlySpan<byte> suffix, uint hash, int usable, out ushort offset)
    {
        // Vectorized scan of the hashes; bytes are compared only where a hash matches.
        ReadOnlySpan<uint> hashes = ((ReadOnlySpan<uint>)_hashes)[..usable];
        int from = 0;
        while (true)
        {
            int i = hashes[from..].IndexOf(hash);
            if (i < 0)
            {
                break;
            }

            from += i;
            if (Matches(buffer, _offsets[from], suffix))
            {
                offset = _offsets[from];
                return true;
            }

            from++;
        }

        offset = 0;
        return false;
    }

    /// <summary>Whether the name written at <paramref name="at"/> is exactly <paramref name="suffix"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> buffer, int at, ReadOnlySpan<byte> suffix)
    {
        int s = 0;
        int hops = 0;
        while (true)
        {
            // The labels up to the next pointer or the root are contiguous: compare them in one go.
            // Equal bytes from a label boundary on keep both sides on label boundaries. Exact bytes:
            // pointing at a differently cased name would change the case a client sees
            // (external-dns compares AXFR owner names case-sensitively).
            int run = 0;
            byte len;
            while ((len = buffer[at + run]) != 0 && (len & 0xC0) != 0xC0)
            {
                run += len + 1;
            }

            if (run >= suffix.Length - s || !buffer.Slice(at, run).SequenceEqual(suffix.Slice(s, run)))
            {
                return false;
            }

            s += run;
            if (len == 0)
            {
                return suffix[s] == 0;
            }

            // Targets were written by us and always point backwards; bound hops anyway.
            if (++hops > 127)
            {
                return false;
            }

            at = ((len & 0x3F) << 8) | buffer[at + run + 1];
        }
    }

    [InlineArray(Capacity)]
    private struct Offsets
    {
        private ushort _element;
    }

    [InlineArray(Capacity)]
    private struct Hashes
    {
        private uint _element;
    }
}
