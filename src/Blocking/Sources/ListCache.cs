using System.Text.Json;

namespace SplitDns.Blocking.Sources;

/// <summary>
/// The on-disk copies of downloaded lists: <c>NAME.list</c> and <c>NAME.meta.json</c> in the cache
/// folder. New content is written to a temporary file in the same folder and renamed over the old
/// copy (atomic on one file system), so a crash never leaves half a list behind.
/// </summary>
internal sealed class ListCache
{
    private readonly string _directory;

    public ListCache(string directory) => _directory = string.IsNullOrEmpty(directory) ? "." : directory;

    public string ListPath(string list) => Path.Combine(_directory, FileName(list) + ".list");

    public string MetadataPath(string list) => Path.Combine(_directory, FileName(list) + ".meta.json");

    /// <summary>A new empty file to download into, beside the copies.</summary>
    public string NewTempPath(string list)
    {
        Directory.CreateDirectory(_directory);
        return Path.Combine(_directory, $"{FileName(list)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>The metadata of a cached copy of <paramref name="source"/>; null when there is none, it is unreadable, or it is of another source.</summary>
    public CacheMetadata? ReadMetadata(string list, string source)
    {
        try
        {
            if (!File.Exists(ListPath(list)) || !File.Exists(MetadataPath(list)))
            {
                return null;
            }

            CacheMetadata? meta = JsonSerializer.Deserialize(File.ReadAllBytes(MetadataPath(list)), CacheMetadataJson.Default.CacheMetadata);
            return meta is not null && string.Equals(meta.Source, source, StringComparison.Ordinal) ? meta : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Moves a downloaded temporary file over the list's copy and writes its metadata (also through a rename).</summary>
    public void Commit(string list, string tempPath, CacheMetadata meta)
    {
        File.Move(tempPath, ListPath(list), overwrite: true);
        WriteMetadata(list, meta);
    }

    public void WriteMetadata(string list, CacheMetadata meta)
    {
        string temp = NewTempPath(list);
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(meta, CacheMetadataJson.Default.CacheMetadata));
        File.Move(temp, MetadataPath(list), overwrite: true);
    }

    public static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover temporary file is harmless; the next download uses a new name
        }
    }

    /// <summary>List names become file names: lowercase, anything but letters, digits, '-' and '_' replaced.</summary>
    private static string FileName(string list) =>
        string.Create(list.Length, list, static (span, name) =>
        {
            for (int i = 0; i < name.Length; i++)
            {
                char c = char.ToLowerInvariant(name[i]);
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_';
            }
        });
}
