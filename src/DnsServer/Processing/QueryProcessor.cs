using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Resolution;
using SplitDns.Server.Resolution.Steps;
using SplitDns.Server.Updates;
using SplitDns.Server.Views;

namespace SplitDns.Server.Processing;

/// <summary>
/// The seam between transports and DNS (Garnet's <c>Process(query, response)</c>): decodes a
/// message, routes it (resolver chain, or a registered <see cref="IMessageHandler"/>), encodes
/// the answer into the caller's buffer and returns its length (0: nothing to send). Malformed
/// input becomes FORMERR when a header can be echoed, else it is dropped; no exception escapes.
/// </summary>
public sealed partial class QueryProcessor
{
    // Room for our OPT (with EDE texts) after a copied forwarded answer.
    private const int ForwardedSlack = 512;

    private readonly ViewTable _views;
    private readonly RecursionAcl _acl;
    private readonly DnsServerMetrics _metrics;
    private readonly ILogger<QueryProcessor> _logger;
    private readonly int _maxUdpPayload;
    private readonly IMessageHandler? _update;
    private readonly IMessageHandler? _notify;
    private readonly IMessageHandler? _transfer;
    private readonly ITsigKeyRing _keys;
    private readonly UpdateMetrics? _updateMetrics;
    private readonly Networking.NetworkList _clientSubnetSources;
    private readonly QueryLogRecorder? _queryLog;
    private readonly LimitsSettings _limits;
    private readonly Cookies.ServerCookies? _cookies;
    private readonly Cookies.CookieMetrics? _cookieMetrics;
    private readonly RateLimiting.ResponseRateLimiter? _rateLimiter;

    public QueryProcessor(ViewTable views, RecursionAcl acl, DnsServerMetrics metrics, IOptions<ServerSettings> settings,
        ILogger<QueryProcessor> logger, IServiceProvider services)
    {
        _views = views;
        _acl = acl;
        _metrics = metrics;
        _logger = logger;
        _maxUdpPayload = settings.Value.MaxUdpPayload;
        _limits = settings.Value.Limits;
        _keepaliveTimeout = Protocol.Edns.TcpKeepalive.ToTimeout(settings.Value.TcpIdleTimeout);
        _clientSubnetSources = settings.Value.ClientAddress.ClientSubnetTrustedSources;
        _update = services.GetKeyedService<IMessageHandler>(MessageKind.Update);
        _notify = services.GetKeyedService<IMessageHandler>(MessageKind.Notify);
        _transfer = services.GetKeyedService<IMessageHandler>(MessageKind.Transfer);
        _keys = services.GetService<ITsigKeyRing>() ?? TsigKeyRing.Empty;
        _updateMetrics = services.GetService<UpdateMetrics>();
        _queryLog = services.GetService<QueryLogRecorder>();
        _cookies = services.GetService<Cookies.ServerCookies>();
        _cookieMetrics = services.GetService<Cookies.CookieMetrics>();
        _rateLimiter = services.GetService<RateLimiting.ResponseRateLimiter>() is { Enabled: true } limiter ? limiter : null;
    }

    /// <summary>
    /// Processes one message. <paramref name="ctx"/> has its transport and client set by the
    /// listener. Completes synchronously (no allocation) for queries the chain answers
    /// synchronously; handler messages send through <paramref name="sink"/> and return 0.
    /// </summary>
    public ValueTask<int> ProcessAsync(QueryContext ctx, ReadOnlyMemory<byte> request, Memory<byte> response,
        IResponseSink sink, CancellationToken ct)
    {
        ctx.ReceivedAt = Stopwatch.GetTimestamp();
        Route route;
        int length;
        try
        {
            route = Decode(ctx, request.Span, response.Span, out length);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug on the decode path must not kill a socket loop; the packet is dropped.
            Log.DecodeFailed(_logger, ex);
            _metrics.RecordDropped(ctx.Transport, DropReason.InternalError);
            return new ValueTask<int>(0);
        }

        if (ctx.AnswerNowOnly && WouldWait(ctx, route))
        {
            _metrics.RecordLimited(LimitKind.UdpQueriesInFlight);
            return new ValueTask<int>(0);
        }

        switch (route)
        {
            case Route.Respond:
                return new ValueTask<int>(length);
            case Route.Chain:
                return RunChain(ctx, response, sink as IGrowableResponse, ct);
            case Route.Update:
            case Route.Notify:
            case Route.Transfer:
                return HandleAsync(route, ctx, request, response, sink, ct);
            default:
                return new ValueTask<int>(0);
        }
    }

    private ValueTask<int> RunChain(QueryContext ctx, Memory<byte> response, IGrowableResponse? growable, CancellationToken ct)
    {
        ValueTask pending;
        try
        {
            pending = ctx.View!.Chain.InvokeAsync(ctx);
            if (pending.IsCompletedSuccessfully)
            {
                pending.GetAwaiter().GetResult();
                return Finish(ctx, response, growable, ct);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ValueTask<int>(ServerFailure(ctx, response.Span, ex));
        }

        return AwaitChainAsync(pending, ctx, response, growable, ct);
    }

    private async ValueTask<int> AwaitChainAsync(ValueTask pending, QueryContext ctx, Memory<byte> response,
        IGrowableResponse? growable, CancellationToken ct)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ServerFailure(ctx, response.Span, ex);
        }

        return await Finish(ctx, response, growable, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Encodes the chain's answer. A sink with a small buffer (TCP) gets a full-size one when the
    /// answer needs it: known up front for a forwarded answer, else seen as an encoding that came
    /// out truncated or empty although the client allows more. Then the answer is encoded again.
    /// </summary>
    private ValueTask<int> Finish(QueryContext ctx, Memory<byte> response, IGrowableResponse? growable, CancellationToken ct)
    {
        int room = Math.Min(response.Length, ctx.MaxResponseSize + ctx.TsigReserve);
        if (growable is not null && room < ctx.MaxResponseSize + ctx.TsigReserve)
        {
            if (ctx.HasForwarded && ctx.Forwarded.Response!.Length + ForwardedSlack + ctx.TsigReserve > room)
            {
                return FinishGrownAsync(ctx, growable, ct);
            }

            int length = Encode(ctx, response.Span);
            if (length == 0 || (response.Span[2] & 0x02) != 0)
            {
                return FinishGrownAsync(ctx, growable, ct);
            }

            return new ValueTask<int>(Record(ctx, response.Span, length));
        }

        return new ValueTask<int>(Finish(ctx, response.Span));
    }

    private async ValueTask<int> FinishGrownAsync(QueryContext ctx, IGrowableResponse growable, CancellationToken ct)
    {
        Memory<byte> larger = await growable.GrowAsync(ct).ConfigureAwait(false);
        return Finish(ctx, larger.Span);
    }

    private int ServerFailure(QueryContext ctx, Span<byte> response, Exception ex)
    {
        Log.StepFailed(_logger, ctx.QuestionName, ex);
        ctx.ResetResponse();
        ctx.Rcode = DnsRcode.ServFail;
        return Finish(ctx, response);
    }

    /// <summary>Encodes the context's response and records the query's metrics.</summary>
    private int Finish(QueryContext ctx, Span<byte> response) => Record(ctx, response, Encode(ctx, response));

    /// <summary>Encodes (and signs) the response; may run again into a larger buffer.</summary>
    private int Encode(QueryContext ctx, Span<byte> response)
    {
        if (ctx.Tsig is null)
        {
            return ResponseWriter.Write(ctx, response);
        }

        int length = ResponseWriter.Write(ctx, response[..Math.Max(0, response.Length - ctx.TsigReserve)]);
        return Sign(ctx, response, length);
    }

    private int Record(QueryContext ctx, Span<byte> response, int length)
    {
        _metrics.RecordQuery(ctx, response.Length >= DnsHeader.Size && length > 0 && (response[2] & 0x02) != 0);
        _queryLog?.Record(ctx, length);
        return length;
    }

    private async ValueTask<int> HandleAsync(Route route, QueryContext ctx, ReadOnlyMemory<byte> request,
        Memory<byte> response, IResponseSink sink, CancellationToken ct)
    {
        IMessageHandler handler = route switch
        {
            Route.Update => _update!,
            Route.Notify => _notify!,
            _ => _transfer!,
        };
        if (route == Route.Update && TryRefuseOversizeUpdate(ctx, request.Span, null, response.Span, out int refused))
        {
            return refused;
        }

        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(request.Span);
        }
        catch (DnsFormatException ex)
        {
            Log.Malformed(_logger, ctx.Transport, ex.Message);
            _metrics.RecordMalformed(ctx.Transport);
            return ErrorReply.FormErr(request.Span, response.Span, ctx.RecursionAvailable, ex.Error);
        }

        if (route == Route.Update && TryRefuseOversizeUpdate(ctx, request.Span, message, response.Span, out refused))
        {
            return refused;
        }

        var dnsRequest = new DnsRequest(request, message, ctx.ClientEndPoint, ctx.Transport)
        {
            MaxResponseSize = ctx.MaxResponseSize,
            View = ctx.View!,
        };
        try
        {
            await handler.HandleAsync(dnsRequest, sink, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.HandlerFailed(_logger, route.ToString(), ex);
            return HeaderOnly(request.Span, response.Span, DnsRcode.ServFail, ctx.RecursionAvailable);
        }

        return 0;
    }

    /// <summary>Writes a 12-byte reply echoing ID, opcode and RD, with no sections (never larger than the request).</summary>
    internal static int HeaderOnly(ReadOnlySpan<byte> request, Span<byte> response, DnsRcode rcode, bool recursionAvailable)
    {
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(request[2..]);
        var header = new DnsHeader
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(request),
            Flags = (ushort)((flags & 0x7900) | 0x8000),
        };
        header.Rcode = (int)rcode;
        header.RecursionAvailable = recursionAvailable;
        header.WriteTo(response);
        return DnsHeader.Size;
    }

    private enum Route
    {
        Drop,
        Respond,
        Chain,
        Update,
        Notify,
        Transfer,
    }
}
