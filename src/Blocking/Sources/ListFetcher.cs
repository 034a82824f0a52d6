using SplitDns.Blocking.Parsing;

namespace SplitDns.Blocking.Sources;

/// <summary>
/// Gets one list's content: reads a local file, reads the cached copy of a URL list, or downloads
/// it (conditional GET into a temporary file, parsed there, then renamed over the cached copy).
/// Content identical to what is serving is <see cref="RefreshResult.NotModified"/>; content that
/// parses to no usable entry but has invalid lines (an error page served as 200) is a failure.
/// </summary>
internal sealed class ListFetcher
{
    private readonly ListCache _cache;
    private readonly ListDownloader _downloader;
    private readonly TimeProvider _time;

    public ListFetcher(ListCache cache, ListDownloader downloader, TimeProvider time)
    {
        _cache = cache;
        _downloader = downloader;
        _time = time;
    }

    public ListCache Cache => _cache;

    public Fetched ReadFile(ListSlot slot)
    {
        string path = slot.Options.Source;
        (long, long) stamp = ListSlot.Stamp(path);
        try
        {
            ParsedList parsed = ListParser.ParseFile(path, slot.Options.Format, slot.Bit);
            return Judge(slot, parsed, "file " + path) with { FileStamp = stamp };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fetched.Failed(e is FileNotFoundException or DirectoryNotFoundException ? $"file not found: {path}" : e.Message, "file " + path)
                with { FileStamp = stamp };
        }
    }

    /// <summary>The cached copy of a URL list from an earlier download; null when there is none for this source.</summary>
    public Fetched? ReadCached(ListSlot slot)
    {
        CacheMetadata? meta = _cache.ReadMetadata(slot.Options.Name, slot.Options.Source);
        if (meta is null)
        {
            return null;
        }

        try
        {
            ParsedList parsed = ListParser.ParseFile(_cache.ListPath(slot.Options.Name), slot.Options.Format, slot.Bit);
            return Judge(slot, parsed, "cache " + _cache.ListPath(slot.Options.Name)) with { FromCache = true, Cache = meta };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fetched.Failed(e.Message, "cache");
        }
    }

    public async Task<Fetched> DownloadAsync(ListSlot slot, CancellationToken ct)
    {
        string origin = slot.Url!.ToString();
        string name = slot.Options.Name;
        CacheMetadata? cached = slot.Cache is not null && File.Exists(_cache.ListPath(name)) ? slot.Cache : null;
        string temp = _cache.NewTempPath(name);
        DownloadResult download = await _downloader.DownloadAsync(slot.Url, cached, temp, ct).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        if (download.Result == RefreshResult.Failed)
        {
            return Fetched.Failed(download.Error!, origin);
        }

        var meta = new CacheMetadata
        {
            Source = slot.Options.Source, ETag = download.ETag, LastModified = download.LastModified, CheckedAt = now, Sha256 = cached?.Sha256,
        };
        if (download.Result == RefreshResult.NotModified)
        {
            _cache.WriteMetadata(name, meta);
            return new Fetched(RefreshResult.NotModified, null, null, origin) { Cache = meta };
        }

        try
        {
            ParsedList parsed = ListParser.ParseFile(temp, slot.Options.Format, slot.Bit);
            Fetched fetched = Judge(slot, parsed, origin);
            if (fetched.Result != RefreshResult.Failed)
            {
                meta = meta with { Sha256 = Convert.ToHexStringLower(parsed.ContentHash) };
                _cache.Commit(name, temp, meta);
            }

            return fetched with { Cache = meta };
        }
        finally
        {
            ListCache.TryDelete(File.Exists(temp) ? temp : null);
        }
    }

    private static Fetched Judge(ListSlot slot, ParsedList parsed, string origin)
    {
        if (parsed.Count == 0 && parsed.InvalidLines > 0)
        {
            ListProblem first = parsed.Problems[0];
            return Fetched.Failed($"no usable entries: {parsed.InvalidLines} invalid lines (line {first.Line}: {first.Reason})", origin);
        }

        bool same = slot.ContentHash is { } current && current.AsSpan().SequenceEqual(parsed.ContentHash);
        return same ? new Fetched(RefreshResult.NotModified, null, null, origin) : new Fetched(RefreshResult.Updated, parsed, null, origin);
    }
}
