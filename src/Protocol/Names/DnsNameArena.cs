namespace SplitDns.Protocol.Names;

/// <summary>
/// Packs the wire forms of many names into shared 64 KiB slabs, so a zone file's million owner
/// names are a few hundred arrays instead of a million (each array costs a 24-byte header and
/// its padding, and the collector one object to trace). A name keeps its slab alive; that is
/// the price, and the right one for zone data that lives as long as its snapshot.
/// </summary>
internal sealed class DnsNameArena
{
    private const int SlabSize = 64 * 1024;
    private byte[] _slab = new byte[SlabSize];
    private int _used;

    /// <summary>The name <paramref name="head"/> followed by <paramref name="tail"/>, copied into the arena.</summary>
    public DnsName Add(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        int length = head.Length + tail.Length;
        if (_used + length > _slab.Length)
        {
            _slab = new byte[SlabSize];
            _used = 0;
        }

        Span<byte> target = _slab.AsSpan(_used, length);
        head.CopyTo(target);
        tail.CopyTo(target[head.Length..]);
        int offset = _used;
        _used += length;
        return DnsName.FromValidatedWire(_slab, offset, length);
    }
}
