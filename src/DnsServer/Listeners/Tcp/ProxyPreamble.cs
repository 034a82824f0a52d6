using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using SplitDns.Protocol.Proxy;

namespace SplitDns.Server.Listeners.Tcp;

/// <summary>
/// Reads the PROXY protocol v2 header that a trusted proxy sends before the DNS stream, off the
/// connection's <see cref="PipeReader"/>, within a timeout, and leaves the reader just past it.
/// The header is read at most once per connection; bytes are copied out of the pipe only when a
/// header straddles segments.
/// </summary>
internal static class ProxyPreamble
{
    /// <summary>
    /// The client the connection speaks for: the header's source (PROXY), or <paramref name="peer"/>
    /// (LOCAL: the proxy's own connection, e.g. a health check). Null with <paramref name="error"/>
    /// set when the header is missing, malformed, incomplete when the peer closes, or late.
    /// </summary>
    public static async ValueTask<(IPEndPoint? Client, string? Error)> ReadAsync(PipeReader input, IPEndPoint peer,
        TimeSpan timeout, CancellationToken stopping)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        cts.CancelAfter(timeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return (null, "no complete PROXY v2 header within the timeout");
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            ProxyParseStatus status = Parse(buffer, out ProxyHeader header, out string? error);
            if (status == ProxyParseStatus.Done)
            {
                input.AdvanceTo(buffer.GetPosition(header.Length));
                return (header.Command == ProxyCommand.Local ? peer : header.Source, null);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (status == ProxyParseStatus.Invalid)
            {
                return (null, error);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return (null, "connection closed before the PROXY v2 header was complete");
            }
        }
    }

    private static ProxyParseStatus Parse(ReadOnlySequence<byte> buffer, out ProxyHeader header, out string? error)
    {
        if (buffer.IsSingleSegment)
        {
            return ProxyHeader.TryParse(buffer.FirstSpan, out header, out error);
        }

        int length = (int)Math.Min(buffer.Length, ProxyHeader.MaxLength);
        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(copy);
            return ProxyHeader.TryParse(copy.AsSpan(0, length), out header, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
