using System.Net;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Wraps a logger provider to drop the host's "Now listening on: http(s)://…" lines for the DNS TCP
/// and DoT endpoints: Kestrel reports every endpoint as HTTP, but those speak DNS (RFC 7766); the TCP
/// listener logs its own line for them. Every other message passes through unchanged. It keeps the
/// console provider's alias, so "Logging:Console:…" settings still apply.
/// </summary>
[ProviderAlias("Console")]
internal sealed class DnsEndpointLogFilter : ILoggerProvider, ISupportExternalScope
{
    // GenericWebHostService logs each server address under this category and event ID.
    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";
    private const int ListeningEventId = 14;

    private readonly ILoggerProvider _inner;
    private readonly HashSet<string> _dnsAddresses;

    public DnsEndpointLogFilter(ILoggerProvider inner, IEnumerable<IPEndPoint> dnsEndpoints)
    {
        _inner = inner;
        _dnsAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (IPEndPoint ep in dnsEndpoints)
        {
            _dnsAddresses.Add("http://" + ep);
            _dnsAddresses.Add("https://" + ep);
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        ILogger logger = _inner.CreateLogger(categoryName);
        return categoryName == LifetimeCategory ? new FilteringLogger(logger, _dnsAddresses) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => _inner.Dispose();

    private sealed class FilteringLogger(ILogger inner, HashSet<string> dnsAddresses) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == ListeningEventId && IsDnsAddress(state))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }

        private bool IsDnsAddress<TState>(TState state)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> pair in values)
                {
                    if (pair.Key == "address" && pair.Value is string address && dnsAddresses.Contains(address))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
