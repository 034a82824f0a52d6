using System.Collections.Concurrent;
using System.Net;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Slows password guessing: after Api:LoginFailuresAllowed failed logins from one client address
/// within five minutes, further logins from it are refused (429) until the oldest failure is five
/// minutes old. A successful login clears the address's failures. Per replica, in memory.
/// </summary>
public sealed class LoginThrottle
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Bounded: beyond this many tracked addresses the oldest state is dropped wholesale.</summary>
    private const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> _failures = new();
    private readonly TimeProvider _time;
    private readonly int _allowed;

    public LoginThrottle(ApiSettings settings, TimeProvider time)
    {
        _allowed = settings.LoginFailuresAllowed;
        _time = time;
    }

    /// <summary>Null when <paramref name="client"/> may try; otherwise how long until it may.</summary>
    public TimeSpan? RetryAfter(IPAddress client)
    {
        if (!_failures.TryGetValue(client, out Queue<DateTimeOffset>? queue))
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= Window)
            {
                queue.Dequeue();
            }

            return queue.Count >= _allowed ? queue.Peek() + Window - now : null;
        }
    }

    public void Failed(IPAddress client)
    {
        if (_failures.Count >= MaxClients)
        {
            _failures.Clear();
        }

        Queue<DateTimeOffset> queue = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            queue.Enqueue(_time.GetUtcNow());
            while (queue.Count > _allowed)
            {
                queue.Dequeue();
            }
        }
    }

    public void Succeeded(IPAddress client) => _failures.TryRemove(client, out _);
}
