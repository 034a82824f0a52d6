using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Processing;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Answers one DoH request (RFC 8484): the message goes through the same
/// <see cref="QueryProcessor"/> as UDP and TCP (view selection by the client address, which
/// X-Forwarded-For gives only from a trusted proxy), and the answer comes back as
/// application/dns-message with <c>cache-control: max-age</c> from its TTLs
/// (<see cref="DohFreshness"/>). DNS errors are DNS answers with status 200 (RFC 8484 §4.2.1);
/// only a request that carries no DNS query gets a 4xx with a one-line reason.
/// </summary>
public sealed class DohRequestHandler
{
    private readonly QueryProcessor _processor;
    private readonly DohSettings _settings;
    private readonly DohMetrics _metrics;
    private readonly ILogger<DohRequestHandler> _logger;
    private readonly DohQuerySlot.Pool _slots = new();

    public DohRequestHandler(QueryProcessor processor, DohSettings settings, DohMetrics metrics, ILogger<DohRequestHandler> logger)
    {
        _processor = processor;
        _settings = settings;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        IPAddress peer = http.Connection.RemoteIpAddress ?? IPAddress.IPv6None;
        IPAddress client = DohClientAddress.Resolve(peer, http.Request.Headers[DohClientAddress.Header], _settings.TrustedProxies);
        DohQuerySlot slot = _slots.Take();
        try
        {
            DohRequestReader.Result read = await DohRequestReader.ReadAsync(http.Request, slot.Request, http.RequestAborted).ConfigureAwait(false);
            if (read.Reason is { } reason)
            {
                await RejectAsync(http, client, reason, read.Text!).ConfigureAwait(false);
                return;
            }

            int port = client.Equals(peer) ? http.Connection.RemotePort : 0;
            slot.Context.SetClient(new IPEndPoint(client, port));
            slot.Context.ListenerIndex = -1;
            int length = await _processor.ProcessAsync(slot.Context, slot.Request.AsMemory(0, read.Length), slot.Response, slot.Sink,
                http.RequestAborted).ConfigureAwait(false);
            ReadOnlyMemory<byte> answer = length > 0 ? slot.Response.AsMemory(0, length) : slot.Sink.Message;
            if (slot.Sink.Count > 1)
            {
                await RejectAsync(http, client, DohRejectReason.MultipleMessages,
                    "the answer needs several DNS messages (a zone transfer): use TCP or DoT").ConfigureAwait(false);
            }
            else if (answer.IsEmpty)
            {
                await RejectAsync(http, client, DohRejectReason.NoAnswer, "no answer for this message").ConfigureAwait(false);
            }
            else
            {
                await WriteAnswerAsync(http, answer).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away or its body stalled (Kestrel's minimum data rate): nothing to answer.
            _metrics.CountRejected(DohRejectReason.Aborted);
            Log.Rejected(_logger, client, 0, DohMetrics.Label(DohRejectReason.Aborted), ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Failed(_logger, client, ex);
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
        finally
        {
            _slots.Give(slot);
        }
    }

    private static Task WriteAnswerAsync(HttpContext http, ReadOnlyMemory<byte> answer)
    {
        HttpResponse response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = DohRequestReader.MediaType;
        response.ContentLength = answer.Length;
        response.Headers.CacheControl = "max-age=" + DohFreshness.MaxAge(answer.Span).ToString(CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(answer, http.RequestAborted).AsTask();
    }

    private Task RejectAsync(HttpContext http, IPAddress client, DohRejectReason reason, string text)
    {
        int status = reason switch
        {
            DohRejectReason.Method => StatusCodes.Status405MethodNotAllowed,
            DohRejectReason.ContentType => StatusCodes.Status415UnsupportedMediaType,
            DohRejectReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
            DohRejectReason.NoAnswer => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        _metrics.CountRejected(reason);
        Log.Rejected(_logger, client, status, DohMetrics.Label(reason), text);
        HttpResponse response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (reason == DohRejectReason.Method)
        {
            response.Headers.Allow = "GET, POST";
        }

        if (reason is DohRejectReason.TooLarge && HttpProtocol.IsHttp11(http.Request.Protocol))
        {
            // The rest of an oversized body is not read: the connection cannot be reused (HTTP/1.1).
            http.Response.Headers.Connection = "close";
        }

        return response.WriteAsync(text + "\n", http.RequestAborted);
    }
}
