using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Tls;

/// <summary>The folder watchers: any event in a certificate's folder schedules a check shortly after.</summary>
public sealed partial class TlsCertificateSource
{
    private List<string> WatchedDirectories()
    {
        var directories = new List<string>();
        foreach (TlsCertificateSettings c in _settings.Certificates)
        {
            foreach (string? path in (ReadOnlySpan<string?>)[c.CertificatePath, c.KeyPath, c.ChainPath])
            {
                if (path is not null && Path.GetDirectoryName(path) is { Length: > 0 } directory && !directories.Contains(directory))
                {
                    directories.Add(directory);
                }
            }
        }

        return directories;
    }

    private void TryWatch(string directory)
    {
        try
        {
            // No filter: Secret volumes change "..data" and "..2026_12_07..." entries, not tls.crt itself.
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size
                    | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += OnWatchError;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            Log.WatchUnavailable(_logger, directory, ex.Message, (int)_settings.ReloadCheckInterval.TotalSeconds);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Files are written one after the other (certificate, then key): let them settle, then check.
        try
        {
            _timer.Change(s_settleDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
    }

    private void OnWatchError(object sender, ErrorEventArgs e)
    {
        Log.WatchUnavailable(_logger, ((FileSystemWatcher)sender).Path, e.GetException().Message,
            (int)_settings.ReloadCheckInterval.TotalSeconds);
        OnFileEvent(sender, null!);
    }
}
