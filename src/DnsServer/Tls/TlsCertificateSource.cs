using System.Net.Security;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Tls;

/// <summary>
/// The certificates every TLS listener presents (DoT, DoH): chosen per handshake by the client's
/// SNI name (<see cref="Select"/>), re-read when their files change. A change is noticed by a
/// watcher on each file's folder (a Kubernetes Secret volume swaps its "..data" symlink, which
/// only a folder watch sees) and, for anything a watcher misses (network file systems, a full
/// inotify table), by re-reading the files every SplitDns:Tls:ReloadCheckSeconds. A changed pair
/// that loads is swapped in for new handshakes (connections already open keep theirs); one that
/// does not load (half written, key and certificate from different renewals) is logged and
/// counted, and the previous certificate keeps serving.
/// </summary>
public sealed partial class TlsCertificateSource : IDisposable
{
    private static readonly TimeSpan s_settleDelay = TimeSpan.FromMilliseconds(500);

    private readonly TlsSettings _settings;
    private readonly ILogger _logger;
    private readonly TlsMetrics? _metrics;
    private readonly Lock _reloadLock = new();
    private readonly byte[]?[] _failedDigests;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private TlsCertificate[] _current;
    private bool _disposed;

    private TlsCertificateSource(TlsSettings settings, TlsCertificate[] loaded, ILogger logger, TlsMetrics? metrics)
    {
        _settings = settings;
        _logger = logger;
        _metrics = metrics;
        _current = loaded;
        _failedDigests = new byte[]?[loaded.Length];
        _timer = new Timer(static s => ((TlsCertificateSource)s!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        metrics?.Attach(this);
    }

    /// <summary>The certificates serving now, in configuration order.</summary>
    public IReadOnlyList<TlsCertificate> Current => Volatile.Read(ref _current);

    /// <summary>
    /// Loads every configured certificate. Throws <see cref="ServerConfigurationException"/>
    /// ("key: path: reason" for each) when one does not load or none is configured.
    /// </summary>
    public static TlsCertificateSource Load(TlsSettings settings, ILogger logger, TlsMetrics? metrics = null)
    {
        var errors = new List<string>();
        var loaded = new TlsCertificate[settings.Certificates.Count];
        for (int i = 0; i < loaded.Length; i++)
        {
            TlsCertificate? certificate = TlsCertificate.TryLoad(settings.Certificates[i], out string? error);
            if (certificate is null)
            {
                errors.Add(error!);
                continue;
            }

            loaded[i] = certificate;
        }

        if (loaded.Length == 0)
        {
            errors.Add($"{TlsSettingsReader.CertificatesKey}: no certificate configured");
        }

        if (errors.Count > 0)
        {
            foreach (TlsCertificate? c in loaded)
            {
                c?.Dispose();
            }

            throw new ServerConfigurationException(errors);
        }

        var source = new TlsCertificateSource(settings, loaded, logger, metrics);
        foreach (TlsCertificate c in loaded)
        {
            Log.CertificateLoaded(logger, c.Settings.ConfigKey, c.Leaf.Subject, c.NotAfter, string.Join(' ', c.Hosts));
            source.WarnIfExpired(c);
        }

        return source;
    }

    /// <summary>
    /// The certificate for a TLS client hello's SNI name: the first whose host names contain it
    /// exactly, else the first whose wildcard covers it, else the first configured (also when the
    /// client sent no name, e.g. a DoT client given only an address).
    /// </summary>
    public TlsCertificate SelectCertificate(string? serverName)
    {
        TlsCertificate[] current = Volatile.Read(ref _current);
        if (string.IsNullOrEmpty(serverName))
        {
            return current[0];
        }

        ReadOnlySpan<char> name = serverName.AsSpan().TrimEnd('.');
        TlsCertificate? wildcard = null;
        foreach (TlsCertificate c in current)
        {
            foreach (string host in c.Hosts)
            {
                if (!TlsHostName.Matches(host, name))
                {
                    continue;
                }

                if (!host.StartsWith('*'))
                {
                    return c;
                }

                wildcard ??= c;
            }
        }

        return wildcard ?? current[0];
    }

    /// <summary>What the handshake presents for <paramref name="serverName"/> (see <see cref="SelectCertificate"/>).</summary>
    public SslStreamCertificateContext Select(string? serverName) => SelectCertificate(serverName).Context;

    /// <summary>Starts the folder watchers and the periodic check. Idempotent.</summary>
    public void Start()
    {
        lock (_reloadLock)
        {
            if (_watchers.Count > 0 || _disposed)
            {
                return;
            }

            foreach (string directory in WatchedDirectories())
            {
                TryWatch(directory);
            }
        }

        _timer.Change(_settings.ReloadCheckInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Re-reads every certificate's files now and swaps in those that changed and load. Returns
    /// how many were replaced. The watchers and the timer call it; so can tests and operators' tools.
    /// </summary>
    public int CheckNow()
    {
        lock (_reloadLock)
        {
            if (_disposed)
            {
                return 0;
            }

            TlsCertificate[] current = _current;
            TlsCertificate[]? next = null;
            for (int i = 0; i < current.Length; i++)
            {
                if (TryReload(i, current[i]) is { } replacement)
                {
                    next ??= (TlsCertificate[])current.Clone();
                    next[i] = replacement;
                }
            }

            if (next is null)
            {
                return 0;
            }

            Volatile.Write(ref _current, next);
            int replaced = 0;
            for (int i = 0; i < current.Length; i++)
            {
                if (!ReferenceEquals(current[i], next[i]))
                {
                    // Not disposed: a handshake may have picked it a moment ago, and connections
                    // hold their own references to the certificate; the GC frees it.
                    replaced++;
                }
            }

            return replaced;
        }
    }

    private TlsCertificate? TryReload(int index, TlsCertificate serving)
    {
        TlsCertificateSettings settings = serving.Settings;
        if (!TlsCertificateFiles.TryRead(settings, out TlsCertificateFiles? files, out string? error))
        {
            ReportFailure(index, null, error!);
            return null;
        }

        byte[] digest = files!.Digest();
        if (digest.AsSpan().SequenceEqual(serving.Digest))
        {
            _failedDigests[index] = null;
            return null;
        }

        if (_failedDigests[index] is { } failed && digest.AsSpan().SequenceEqual(failed))
        {
            // Already reported; nothing changed since.
            return null;
        }

        TlsCertificate? loaded = TlsCertificate.TryLoad(settings, files, out error);
        if (loaded is null)
        {
            ReportFailure(index, digest, error!);
            return null;
        }

        _failedDigests[index] = null;
        _metrics?.Reloaded(success: true);
        Log.CertificateReloaded(_logger, settings.ConfigKey, loaded.Leaf.Subject, loaded.NotAfter, serving.NotAfter);
        WarnIfExpired(loaded);
        return loaded;
    }

    private void ReportFailure(int index, byte[]? digest, string error)
    {
        // A missing file is reported once until the files read again; a bad pair once per content.
        byte[] marker = digest ?? [];
        if (_failedDigests[index] is { } previous && previous.AsSpan().SequenceEqual(marker))
        {
            return;
        }

        _failedDigests[index] = marker;
        _metrics?.Reloaded(success: false);
        Log.ReloadFailed(_logger, error);
    }

    private void WarnIfExpired(TlsCertificate c)
    {
        if (c.NotAfter < DateTimeOffset.UtcNow)
        {
            Log.CertificateExpired(_logger, c.Settings.ConfigKey, c.Leaf.Subject, c.NotAfter);
        }
    }

    private void OnTimer()
    {
        try
        {
            CheckNow();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CheckFailed(_logger, ex);
        }

        try
        {
            _timer.Change(_settings.ReloadCheckInterval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
    }

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
            foreach (FileSystemWatcher watcher in _watchers)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }

        _timer.Dispose();
    }
}
