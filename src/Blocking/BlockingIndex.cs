using System.Numerics;
using System.Text;
using SplitDns.Blocking.Matching;

namespace SplitDns.Blocking;

/// <summary>
/// The immutable set of every listed name with the lists and kinds that name it, shared by all
/// views (a view is a pair of masks). Built by <see cref="BlockingIndexBuilder"/>; the catalog
/// swaps in a new one after a list changes, so <see cref="Match"/> runs lock-free.
/// Layout (see <see cref="EntryLayout"/>): one byte arena of lowercased wire names, one
/// open-addressing <c>ulong</c> table (hash, offset), and the distinct mask sets.
/// </summary>
public sealed class BlockingIndex
{
    /// <summary>Lists are bits of a <c>uint</c> mask.</summary>
    public const int MaxLists = 32;

    /// <summary>RFC 1035 §3.1: a name is at most 255 bytes in wire format.</summary>
    private const int MaxWireLength = 255;

    private readonly byte[] _arena;
    private readonly int _arenaLength;
    private readonly ulong[] _slots;
    private readonly int _slotMask;
    private readonly MaskSet[] _sets;

    internal BlockingIndex(byte[] arena, int arenaLength, ulong[] slots, MaskSet[] sets, int count)
    {
        _arena = arena;
        _arenaLength = arenaLength;
        _slots = slots;
        _slotMask = slots.Length - 1;
        _sets = sets;
        Count = count;
    }

    public static BlockingIndex Empty { get; } = new([], 0, new ulong[1], [default], 0);

    /// <summary>Distinct names (a name in several lists counts once).</summary>
    public int Count { get; }

    /// <summary>Bytes held by the arrays of this index (arena, table, mask sets).</summary>
    public long MemoryBytes => _arena.LongLength + (_slots.LongLength * sizeof(ulong)) + (_sets.LongLength * 16);

    internal byte[] Arena => _arena;

    internal int ArenaLength => _arenaLength;

    internal MaskSet[] Sets => _sets;

    /// <summary>
    /// Looks <paramref name="wireName"/> (uncompressed wire format, any ASCII case) up with one
    /// hash probe per suffix, from the TLD down. Allow entries of either mask win wherever they
    /// match; otherwise the most specific blocking suffix names the list. Allocates nothing.
    /// A malformed name (pointer, truncated, too long) is never blocked.
    /// </summary>
    public BlockMatch Match(ReadOnlySpan<byte> wireName, uint blockMask, uint allowMask)
    {
        uint lists = blockMask | allowMask;
        if (lists == 0 || Count == 0)
        {
            return BlockMatch.None;
        }

        Span<byte> name = stackalloc byte[MaxWireLength];
        Span<byte> starts = stackalloc byte[NameHash.MaxLabels];
        int labels = Fold(wireName, name, starts, out int length);
        uint hash = NameHash.Seed;
        int list = -1;
        for (int i = labels - 1; i >= 0; i--)
        {
            int start = starts[i];
            hash = NameHash.AddLabel(hash, name.Slice(start, name[start] + 1));
            int set = Find(NameHash.Finish(hash), name[start..length]);
            if (set < 0)
            {
                continue;
            }

            MaskSet m = _sets[set];
            bool exact = i == 0;
            uint blocks = exact ? m.BlockAll : m.BlockAll | m.BlockSubs;
            uint allows = exact ? m.AllowAll : m.AllowAll | m.AllowSubs;
            if ((allows & lists) != 0 || (blocks & allowMask) != 0)
            {
                return new BlockMatch(false, -1, true);
            }

            uint blocking = blocks & blockMask;
            if (blocking != 0)
            {
                list = BitOperations.TrailingZeroCount(blocking);
            }
        }

        return list >= 0 ? new BlockMatch(true, list) : BlockMatch.None;
    }

    /// <summary>True when the index holds <paramref name="name"/> itself (any list, any kind).</summary>
    public bool Contains(string name)
    {
        Span<byte> wire = stackalloc byte[MaxWireLength];
        return Parsing.DomainName.TryEncode(Encoding.UTF8.GetBytes(name), wire, out int length, out _)
            && Find(NameHash.OfName(wire[..length]), wire[..length]) >= 0;
    }

    /// <summary>The mask set number of the entry for the lowercased wire name, or -1.</summary>
    internal int Find(uint hash, ReadOnlySpan<byte> wire)
    {
        int i = (int)hash & _slotMask;
        while (true)
        {
            ulong slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }

            if (EntryLayout.SlotHash(slot) == hash)
            {
                int offset = EntryLayout.SlotOffset(slot);
                if (_arena[offset] == wire.Length && EntryLayout.Wire(_arena, offset).SequenceEqual(wire))
                {
                    return EntryLayout.ReadMaskSet(_arena, offset);
                }
            }

            i = (i + 1) & _slotMask; // the table is at most 3/4 full: an empty slot ends every probe
        }
    }

    /// <summary>Checks the wire structure, copies it lowercased into <paramref name="name"/> and records label starts; 0 labels when malformed.</summary>
    private static int Fold(ReadOnlySpan<byte> wire, Span<byte> name, Span<byte> starts, out int length)
    {
        int labels = 0;
        int pos = 0;
        length = 0;
        while (true)
        {
            if (pos >= wire.Length || pos >= MaxWireLength)
            {
                return 0;
            }

            int label = wire[pos];
            if (label == 0)
            {
                break;
            }

            if (label > 63 || labels == NameHash.MaxLabels - 1)
            {
                return 0; // a compression pointer or a reserved label type: not a name we can match
            }

            starts[labels++] = (byte)pos;
            pos += label + 1;
        }

        length = pos + 1;
        ReadOnlySpan<byte> source = wire[..length];
        if (Ascii.ToLower(source, name, out _) != System.Buffers.OperationStatus.Done)
        {
            for (int i = 0; i < length; i++)
            {
                byte b = source[i];
                name[i] = (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
            }
        }

        return labels;
    }
}
