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
    /// Extends the hash of a suffix by the label in front of it (FNV-1a over the exact bytes,
    /// case kept), so all suffixes of a name hash in one right-to-left pass.
    /// </summary>
    public static uint Extend(uint suffixHash, ReadOnlySpan<byte> label)
    {
        uint hash = suffixHash;
        foreach (byte b in label)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    /// <summary>Hashes of every suffix of <paramref name="wire"/>, by label index; returns the label count.</summary>
    public static int HashSuffixes(ReadOnlySpan<byte> wire, Span<uint> hashes)
    {
        Span<byte> starts = stackalloc byte[128];
        int count = 0;
        for (int i = 0; wire[i] != 0; i += wire[i] + 1)
        {
            starts[count++] = (byte)i;
        }

        uint hash = RootHash;
        for (int k = count - 1; k >= 0; k--)
        {
            hash = Extend(hash, wire.Slice(starts[k], wire[starts[k]] + 1));
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
        for (int i = 0; i < usable; i++)
        {
            if (_hashes[i] == hash && Matches(buffer, _offsets[i], suffix))
            {
                offset = _offsets[i];
                return true;
            }
        }

        offset = 0;
        return false;
    }

    private static bool Matches(ReadOnlySpan<byte> buffer, int at, ReadOnlySpan<byte> suffix)
    {
        int s = 0;
        int hops = 0;
        while (true)
        {
            byte len = buffer[at];
            if ((len & 0xC0) == 0xC0)
            {
                // Targets were written by us and always point backwards; bound hops anyway.
                if (++hops > 127)
                {
                    return false;
                }

                at = ((len & 0x3F) << 8) | buffer[at + 1];
                continue;
            }

            if (len != suffix[s])
            {
                return false;
            }

            if (len == 0)
            {
                return true;
            }

            // Exact bytes: pointing at a differently cased name would change the case a client
            // sees (external-dns compares AXFR owner names case-sensitively).
            if (!buffer.Slice(at + 1, len).SequenceEqual(suffix.Slice(s + 1, len)))
            {
                return false;
            }

            at += len + 1;
            s += len + 1;
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
