using SplitDns.Blocking.Sources;

namespace SplitDns.Blocking;

/// <summary>One configured list's mutable bookkeeping in the catalog (touched only under the refresh gate; <see cref="State"/> is published as a snapshot).</summary>
internal sealed class ListSlot
{
    public ListSlot(BlocklistOptions options, int bit)
    {
        Options = options;
        Bit = bit;
        State = new BlocklistState { Name = options.Name, Source = options.Source };
        Url = options.IsUrl && Uri.TryCreate(options.Source, UriKind.Absolute, out Uri? url) ? url : null;
    }

    public BlocklistOptions Options { get; }

    public int Bit { get; }

    public uint Mask => 1u << Bit;

    /// <summary>The source URL; null for a local file.</summary>
    public Uri? Url { get; }

    public BlocklistState State { get; set; }

    /// <summary>SHA-256 of the serving copy; null before anything was loaded.</summary>
    public byte[]? ContentHash { get; set; }

    /// <summary>The cached copy's metadata (URL lists).</summary>
    public CacheMetadata? Cache { get; set; }

    /// <summary>A local file's (modification time, length) when last read; (0, -1) when it was missing.</summary>
    public (long Ticks, long Length) FileStamp { get; set; } = (0, -2);

    /// <summary>Failed attempts in a row (download retry back-off).</summary>
    public int Failures { get; set; }

    /// <summary>When a URL list is due for download.</summary>
    public DateTimeOffset NextDue { get; set; } = DateTimeOffset.MinValue;

    public static (long Ticks, long Length) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc.Ticks, info.Length) : (0, -1);
    }
}
