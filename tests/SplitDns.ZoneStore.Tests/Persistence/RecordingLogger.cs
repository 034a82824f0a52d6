using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>Keeps every event id and message it is given, for tests that assert what was logged.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(int Id, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
}
