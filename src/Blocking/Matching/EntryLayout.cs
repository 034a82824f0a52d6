namespace SplitDns.Blocking.Matching;

/// <summary>
/// One entry in the name arena: <c>[wire length][mask set number, 3 bytes little-endian][lowercased
/// wire name with its root byte]</c>. Entries follow each other with no padding, so the arena can be
/// walked from the start (carrying entries into a rebuilt index) and the hash table holds only
/// offsets into it. No object per entry: a million names are one byte array.
/// </summary>
internal static class EntryLayout
{
    public const int HeaderSize = 4;

    /// <summary>Mask set numbers are 24 bits.</summary>
    public const int MaxMaskSets = 1 << 24;

    public static int WireLength(byte[] arena, int offset) => arena[offset];

    public static int ReadMaskSet(byte[] arena, int offset) =>
        arena[offset + 1] | (arena[offset + 2] << 8) | (arena[offset + 3] << 16);

    public static void WriteMaskSet(byte[] arena, int offset, int set)
    {
        arena[offset + 1] = (byte)set;
        arena[offset + 2] = (byte)(set >> 8);
        arena[offset + 3] = (byte)(set >> 16);
    }

    public static ReadOnlySpan<byte> Wire(byte[] arena, int offset) => arena.AsSpan(offset + HeaderSize, arena[offset]);

    public static int Next(byte[] arena, int offset) => offset + HeaderSize + arena[offset];

    /// <summary>A slot of the open-addressing table: the finished hash above, the arena offset + 1 below (0 is an empty slot).</summary>
    public static ulong Slot(uint hash, int offset) => ((ulong)hash << 32) | (uint)(offset + 1);

    public static uint SlotHash(ulong slot) => (uint)(slot >> 32);

    public static int SlotOffset(ulong slot) => (int)(uint)slot - 1;

    /// <summary>Table size for <paramref name="count"/> names: a power of two, at most 3/4 full.</summary>
    public static int TableSize(int count)
    {
        long needed = Math.Max(4L, ((long)count * 4 / 3) + 1);
        return (int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed));
    }
}
