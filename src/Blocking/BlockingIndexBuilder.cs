using System.Text;
using SplitDns.Blocking.Matching;
using SplitDns.Blocking.Parsing;

namespace SplitDns.Blocking;

/// <summary>
/// Collects (name, list, kind) entries into the layout of <see cref="BlockingIndex"/>, one entry
/// per distinct name whatever the number of lists naming it, then hands its arrays to the index
/// (<see cref="Build"/>; the builder is spent afterwards). Growth is by half: the arena and the
/// table are at most 1.5x and 2x their final size while building.
/// </summary>
public sealed class BlockingIndexBuilder
{
    private readonly List<MaskSet> _sets = [default];
    private readonly Dictionary<MaskSet, int> _setNumbers = new() { [default] = 0 };
    private byte[] _arena;
    private int _arenaLength;
    private ulong[] _slots;
    private int _count;
    private bool _built;

    /// <summary>Starts empty, sized for about <paramref name="expectedNames"/> names.</summary>
    public BlockingIndexBuilder(int expectedNames = 0)
        : this(expectedNames, (long)Math.Clamp(expectedNames, 0, 1 << 26) * 28)
    {
    }

    /// <summary>Sized from a list file: the arena of a list is about its size in bytes (a domain line's text + 6 header and root bytes; hosts lines are longer than their entries).</summary>
    internal BlockingIndexBuilder(int expectedNames, long arenaBytes)
    {
        expectedNames = Math.Clamp(expectedNames, 0, 1 << 26);
        _arena = new byte[Math.Clamp(arenaBytes, 256, Array.MaxLength)];
        _slots = new ulong[EntryLayout.TableSize(expectedNames)];
    }

    /// <summary>Distinct names so far.</summary>
    public int Count => _count;

    /// <summary>Adds a presentation-form name (normalized as list lines are: lowercased, IDN to punycode); false when it is not a valid name.</summary>
    public bool TryAdd(string name, int list, EntryKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(list);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(list, BlockingIndex.MaxLists);
        Span<byte> wire = stackalloc byte[DomainName.MaxWireLength];
        if (!DomainName.TryEncode(Encoding.UTF8.GetBytes(name), wire, out int length, out _))
        {
            return false;
        }

        Add(wire[..length], MaskSet.For(list, kind));
        return true;
    }

    /// <summary>Adds a lowercased, well-formed wire name; an existing entry gains the lists of <paramref name="set"/>. True when the name is new.</summary>
    internal bool Add(ReadOnlySpan<byte> wire, MaskSet set)
    {
        ThrowIfBuilt();
        uint hash = NameHash.OfName(wire);
        int mask = _slots.Length - 1;
        int i = (int)hash & mask;
        while (_slots[i] != 0)
        {
            ulong slot = _slots[i];
            int offset = EntryLayout.SlotOffset(slot);
            if (EntryLayout.SlotHash(slot) == hash && _arena[offset] == wire.Length && EntryLayout.Wire(_arena, offset).SequenceEqual(wire))
            {
                int current = EntryLayout.ReadMaskSet(_arena, offset);
                MaskSet merged = _sets[current].Or(set);
                if (merged != _sets[current])
                {
                    EntryLayout.WriteMaskSet(_arena, offset, Number(merged));
                }

                return false;
            }

            i = (i + 1) & mask;
        }

        int at = Append(wire, Number(set));
        _slots[i] = EntryLayout.Slot(hash, at);
        if (++_count > _slots.Length / 4 * 3)
        {
            _slots = Rehash(_slots, _slots.Length * 2);
        }

        return true;
    }

    /// <summary>Carries every entry of <paramref name="source"/>, keeping only the lists in <paramref name="lists"/> (a rebuild drops the bits of the lists being replaced).</summary>
    internal void AddFrom(BlockingIndex source, uint lists) => AddEntries(source.Arena, source.ArenaLength, source.Sets, lists);

    /// <summary>Adds every entry of another (unbuilt) builder, e.g. one list parsed on its own.</summary>
    internal void AddFrom(BlockingIndexBuilder source) => AddEntries(source._arena, source._arenaLength, [.. source._sets], uint.MaxValue);

    /// <summary>The index over this builder's arrays. The builder cannot be used afterwards.</summary>
    public BlockingIndex Build()
    {
        ThrowIfBuilt();
        _built = true;
        MaskSet[] sets = RenumberSets();
        if (_arena.Length - _arenaLength > _arenaLength / 8)
        {
            Array.Resize(ref _arena, _arenaLength); // a copy (peak +1x arena): worth it only when the slack is more than 1/8
        }

        int size = EntryLayout.TableSize(_count);
        ulong[] slots = size == _slots.Length ? _slots : Rehash(_slots, size);
        return _count == 0 ? BlockingIndex.Empty : new BlockingIndex(_arena, _arenaLength, slots, sets, _count);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("the builder's arrays belong to the index it built");
        }
    }

    private void AddEntries(byte[] arena, int length, MaskSet[] sets, uint lists)
    {
        for (int offset = 0; offset < length; offset = EntryLayout.Next(arena, offset))
        {
            MaskSet set = sets[EntryLayout.ReadMaskSet(arena, offset)].And(lists);
            if (!set.IsEmpty)
            {
                Add(EntryLayout.Wire(arena, offset), set);
            }
        }
    }

    private int Number(MaskSet set)
    {
        if (_setNumbers.TryGetValue(set, out int number))
        {
            return number;
        }

        if (_sets.Count == EntryLayout.MaxMaskSets)
        {
            RenumberSets(); // drop the sets no entry uses any more (intermediate sets while merging)
            if (_sets.Count == EntryLayout.MaxMaskSets)
            {
                throw new InvalidOperationException($"more than {EntryLayout.MaxMaskSets} distinct list combinations");
            }
        }

        number = _sets.Count;
        _sets.Add(set);
        _setNumbers.Add(set, number);
        return number;
    }

    private int Append(ReadOnlySpan<byte> wire, int set)
    {
        int needed = _arenaLength + EntryLayout.HeaderSize + wire.Length;
        if (needed > _arena.Length)
        {
            long grown = Math.Max(needed, _arena.Length + (_arena.Length / 2L));
            if (needed > Array.MaxLength)
            {
                throw new InvalidOperationException("the blocking index is limited to 2 GiB of names");
            }

            Array.Resize(ref _arena, (int)Math.Min(grown, Array.MaxLength));
        }

        int at = _arenaLength;
        _arena[at] = (byte)wire.Length;
        EntryLayout.WriteMaskSet(_arena, at, set);
        wire.CopyTo(_arena.AsSpan(at + EntryLayout.HeaderSize));
        _arenaLength = needed;
        return at;
    }

    /// <summary>Numbers the sets in use from 0 (the empty set stays 0) and rewrites the entries; returns the sets in use.</summary>
    private MaskSet[] RenumberSets()
    {
        var renumber = new int[_sets.Count];
        Array.Fill(renumber, -1);
        renumber[0] = 0;
        var used = new List<MaskSet> { default };
        for (int offset = 0; offset < _arenaLength; offset = EntryLayout.Next(_arena, offset))
        {
            int old = EntryLayout.ReadMaskSet(_arena, offset);
            if (renumber[old] < 0)
            {
                renumber[old] = used.Count;
                used.Add(_sets[old]);
            }

            EntryLayout.WriteMaskSet(_arena, offset, renumber[old]);
        }

        _sets.Clear();
        _sets.AddRange(used);
        _setNumbers.Clear();
        for (int i = 0; i < used.Count; i++)
        {
            _setNumbers[used[i]] = i;
        }

        return [.. used];
    }

    private static ulong[] Rehash(ulong[] slots, int size)
    {
        var next = new ulong[size];
        int mask = size - 1;
        foreach (ulong slot in slots)
        {
            if (slot == 0)
            {
                continue;
            }

            int i = (int)EntryLayout.SlotHash(slot) & mask;
            while (next[i] != 0)
            {
                i = (i + 1) & mask;
            }

            next[i] = slot;
        }

        return next;
    }
}
