using SplitDns.Server.Metrics;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// The per-message timeout (SplitDns:Limits:TcpMessageTimeoutMs): once a client has sent part of
/// a message (its length prefix or any of its bytes) it has this long to send the rest. A client
/// that dribbles a message a byte at a time (slowloris) would otherwise hold a connection and its
/// buffers for as long as it likes, since bytes alone are not activity for the idle timeout but
/// keep the read pending. Checked by the idle timer, which ticks at least once per timeout, so a
/// dribbler is closed between one and two timeouts after its message started.
/// </summary>
internal sealed partial class TcpSession
{
    private readonly long _messageMs;

    // Environment.TickCount64 when the unfinished message started; 0 when none is pending.
    private long _messageStartedAt;

    /// <summary>A whole frame was read: no message is pending any more.</summary>
    private void EndMessage() => Volatile.Write(ref _messageStartedAt, 0);

    /// <summary>After framing: bytes left over are the start of a message not yet complete.</summary>
    private void TrackPartialMessage(long unread)
    {
        if (unread == 0)
        {
            Volatile.Write(ref _messageStartedAt, 0);
        }
        else if (Volatile.Read(ref _messageStartedAt) == 0)
        {
            Volatile.Write(ref _messageStartedAt, Math.Max(1, Environment.TickCount64));
        }
    }

    /// <summary>
    /// True (and the connection cancelled) when the pending message is overdue; else
    /// <paramref name="dueMs"/> is how long until the timer should look again.
    /// </summary>
    private bool MessageTimedOut(out long dueMs)
    {
        long started = Volatile.Read(ref _messageStartedAt);
        if (started == 0)
        {
            dueMs = _messageMs;
            return false;
        }

        long elapsed = Environment.TickCount64 - started;
        if (elapsed >= _messageMs)
        {
            dueMs = 0;
            _metrics.RecordLimited(LimitKind.TcpMessageTimeout);
            Log.MessageTimedOut(_logger, _remote, _messageMs);
            Cancel();
            return true;
        }

        dueMs = Math.Max(1, _messageMs - elapsed);
        return false;
    }
}
