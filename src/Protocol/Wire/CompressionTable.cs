using System.Runtime.CompilerServices;

namespace SplitDns.Protocol.Wire;

/// <summary>
/// Offsets of label sequences already written, to point back at (RFC 1035 §4.1.4). Fixed size
/// and inline so a writer allocates nothing; when full, later names are written uncompressed.
/// </summary>
internal struct CompressionTable
{
    public const int Capacity = 96;

    private Offsets _offsets;

    public int Count;

    public void Add(int offset)
    {
        // Pointers have 14 bits; the table is a best effort.
        if (Count < Capacity && offset < 0x4000)
        {
            _offsets[Count++] = (ushort)offset;
        }
    }

    /// <summary>
    /// Finds an earlier occurrence of the label sequence <paramref name="suffix"/> among the first
    /// <paramref name="usable"/> entries. Entries of the name being written are not usable: its
    /// end is not written yet, and matching them would make a pointer loop (RFC 1035 §4.1.4
    /// pointers refer to a prior occurrence of a complete name).
    /// </summary>
    public readonly bool TryFind(ReadOnlySpan<byte> buffer, ReadOnlySpan<byte> suffix, int usable, out ushort offset)
    {
        for (int i = 0; i < usable; i++)
        {
            if (Matches(buffer, _offsets[i], suffix))
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
}
