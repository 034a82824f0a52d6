using System.Net.Sockets;
using System.Security.Authentication;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// How one exchange with one upstream ended, as a value: the answer's wire bytes, or a timeout,
/// a network failure (with the kind for the errors metric) or the caller's cancellation. The UDP
/// transport produces these without throwing (Kestrel's "errors as values inside loops"), so an
/// unreachable upstream costs no exception per query.
/// </summary>
public readonly record struct UpstreamExchange(UpstreamAttemptStatus Status, byte[]? Wire, string? Error, string? ErrorKind)
{
    public static UpstreamExchange Answer(byte[] wire) => new(UpstreamAttemptStatus.Answered, wire, null, null);

    public static UpstreamExchange TimedOut { get; } = new(UpstreamAttemptStatus.TimedOut, null, "timed out", null);

    public static UpstreamExchange Cancelled { get; } = new(UpstreamAttemptStatus.Cancelled, null, "cancelled", null);

    public static UpstreamExchange Failed(string kind, string error) => new(UpstreamAttemptStatus.Failed, null, error, kind);

    /// <summary>A socket error as a failure; the kind is "SocketException", as the metric had it when these were thrown.</summary>
    public static UpstreamExchange Failed(SocketError error) =>
        Failed(nameof(SocketException), new SocketException((int)error).Message);

    /// <summary>
    /// Runs a transport that reports failures as exceptions (TCP, TLS, HTTPS) and turns them into
    /// values: the try timeout becomes cancellation of a linked token, as it always was for them.
    /// </summary>
    public static async ValueTask<UpstreamExchange> FromThrowingAsync(IUpstreamTransport transport, UpstreamQuery query,
        TimeSpan timeout, CancellationToken ct)
    {
        using var tryCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        tryCts.CancelAfter(timeout);
        try
        {
            return Answer(await transport.ExchangeAsync(query, tryCts.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Cancelled;
        }
        catch (OperationCanceledException)
        {
            return TimedOut;
        }
        catch (Exception e) when (e is SocketException or IOException or HttpRequestException or AuthenticationException
                                      or DnsFormatException or UpstreamMismatchException or ObjectDisposedException)
        {
            return Failed(e.GetType().Name, e.Message);
        }
    }
}
