using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Updates;

/// <summary>
/// Incoming NOTIFY (RFC 1996 §3.7): acknowledged with the same ID, opcode and question, AA set.
/// SplitDns is the primary of its zones, so a NOTIFY changes nothing here; zones it does not
/// serve get NOTAUTH.
/// </summary>
public sealed class NotifyHandler : IMessageHandler
{
    private readonly DynamicSettings _settings;
    private readonly ZoneCatalog _catalog;
    private readonly UpdateMetrics _metrics;
    private readonly ILogger<NotifyHandler> _logger;

    public NotifyHandler(DynamicSettings settings, ZoneCatalog catalog, UpdateMetrics metrics, ILogger<NotifyHandler> logger)
    {
        _settings = settings;
        _catalog = catalog;
        _metrics = metrics;
        _logger = logger;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        TsigVerifyResult tsig = TsigVerifier.VerifyRequest(request.Raw.Span, _settings.Keys, SignedResponse.Now());
        if (tsig.RequiresErrorResponse)
        {
            Log.TsigFailed(_logger, "NOTIFY", request.Client, TsigRdata.ErrorToText((ushort)tsig.Error), tsig.OwnerName.ToString(), tsig.Record!.Data.Algorithm.ToString());
            _metrics.TsigFailure("notify", tsig.Error);
            await sink.SendAsync(SignedResponse.TsigError(request.Raw.Span, tsig), ct).ConfigureAwait(false);
            return;
        }

        DnsMessage message = request.Message;
        DnsMessage response = message.CreateResponse();
        bool known = message.Questions.Count == 1 && _catalog.Get(message.Questions[0].Name) is not null;
        response.Header.AuthoritativeAnswer = known;
        response.Rcode = message.Questions.Count != 1 ? DnsRcode.FormErr : known ? DnsRcode.NoError : DnsRcode.NotAuth;
        string zone = message.Questions.Count > 0 ? message.Questions[0].Name.ToString() : "-";
        Log.NotifyReceived(_logger, zone, request.Client, response.Rcode.ToString());
        await sink.SendAsync(SignedResponse.Encode(response, tsig), ct).ConfigureAwait(false);
    }
}
