using System.Text;
using SplitDns.Protocol.ZoneFile;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence;

/// <summary>
/// A replica's local copy of the zones it last served, one master file per zone instance
/// (<c>DIR/shared/example.com.zone</c>, <c>DIR/view-NAME/example.com.zone</c>), so a replica that
/// starts while the shared database is down still answers with what it knew. Files are written
/// whole to a temporary name, flushed to disk and renamed, so a crash leaves the old copy or
/// the new one, never half of one. They are plain zone files an operator can read; the cache is
/// never the source of truth: once the database is reachable, its data replaces the cached copy.
/// </summary>
public sealed class SnapshotCache
{
    public SnapshotCache(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The file holding <paramref name="zone"/>'s cached copy.</summary>
    public string PathOf(ZoneKey zone)
    {
        string folder = zone.IsShared ? "shared" : "view-" + Safe(zone.View);
        string origin = zone.Origin.IsRoot ? "root" : Safe(zone.Origin.ToString().TrimEnd('.'));
        return Path.Combine(Directory, folder, origin + ".zone");
    }

    /// <summary>Writes the snapshot's records (atomically replacing the previous copy).</summary>
    public void Save(ZoneKey zone, ZoneSnapshot snapshot)
    {
        string path = PathOf(zone);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write($"; SplitDns snapshot cache of {zone}, serial {snapshot.Serial}, written {DateTimeOffset.UtcNow:O}.\n");
            writer.Write("; Served only while the store cannot be reached at start-up; the store's data replaces it.\n");
            ZoneFileWriter.Write(writer, snapshot.Records);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The cached copy of <paramref name="zone"/>, or null (with the reason) when there is none or it does not load.</summary>
    public ZoneSnapshot? TryLoad(ZoneKey zone, out string? problem)
    {
        string path = PathOf(zone);
        if (!File.Exists(path))
        {
            problem = $"no cached copy at {path}";
            return null;
        }

        ZoneParseResult parsed = ZoneFileParser.Parse(path, zone.Origin);
        if (parsed.Errors.Count > 0)
        {
            problem = parsed.Errors[0].ToString();
            return null;
        }

        try
        {
            problem = null;
            return ZoneSnapshot.Create(zone.Origin, parsed.Records);
        }
        catch (ArgumentException ex)
        {
            problem = $"{path}: {ex.Message}";
            return null;
        }
    }

    private static string Safe(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }
}
