using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Tls;

/// <summary>TLS certificate and DNS over TLS listener log events. IDs 3501-3599 are stable and never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(3501, LogLevel.Information, "TLS certificate {Key} loaded: {Subject}, valid until {NotAfter:u}, for {Hosts}")]
    public static partial void CertificateLoaded(ILogger logger, string key, string subject, DateTimeOffset notAfter, string hosts);

    [LoggerMessage(3502, LogLevel.Information, "TLS certificate {Key} reloaded: {Subject}, valid until {NotAfter:u} (was until {PreviousNotAfter:u}); new connections get it")]
    public static partial void CertificateReloaded(ILogger logger, string key, string subject, DateTimeOffset notAfter, DateTimeOffset previousNotAfter);

    [LoggerMessage(3503, LogLevel.Error, "TLS certificate reload failed, the previous certificate keeps serving: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string reason);

    [LoggerMessage(3504, LogLevel.Warning, "TLS certificate {Key} ({Subject}) expired at {NotAfter:u}: clients that verify it will refuse to connect")]
    public static partial void CertificateExpired(ILogger logger, string key, string subject, DateTimeOffset notAfter);

    [LoggerMessage(3505, LogLevel.Warning, "Cannot watch {Directory} for certificate changes ({Reason}); the files are still checked every {Seconds} s")]
    public static partial void WatchUnavailable(ILogger logger, string directory, string reason, int seconds);

    [LoggerMessage(3506, LogLevel.Error, "TLS certificate check failed on a bug; the current certificates keep serving")]
    public static partial void CheckFailed(ILogger logger, Exception exception);
}
