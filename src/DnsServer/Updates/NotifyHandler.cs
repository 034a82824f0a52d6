using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Edns;
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
    private readonly DynamicZones _zones;
    private readonly ILogger<NotifyHandler> _logger;

    public NotifyHandler(DynamicZones zones, ILogger<NotifyHandler> logger)
    {
        _zones = zones;
        _logger = logger;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        var (passed, tsig) = await _zones.AdmitAsync(request, sink, "NOTIFY", _logger, ct).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        DnsMessage message = request.Message;
        DnsMessage response = _zones.CreateResponse(request);
        // We are primary for every zone we serve: a NOTIFY for any instance of it is only acknowledged.
        bool known = message.Questions.Count == 1 && _zones.Catalog.InstancesOf(message.Questions[0].Name).Count > 0;
        response.Header.AuthoritativeAnswer = known;
        string zone = message.Questions.Count > 0 ? message.Questions[0].Name.ToString() : "-";
        if (message.Questions.Count != 1)
        {
            response.Rcode = DnsRcode.FormErr;
        }
        else if (!known)
        {
            DynamicZones.SetError(response, DnsRcode.NotAuth, ExtendedDnsErrorCode.NotAuthoritative, $"zone {zone} is not served here");
        }

        Log.NotifyReceived(_logger, zone, request.Client, request.View?.Name ?? "-", response.Rcode.ToString());
        await _zones.ReplyAsync(request, sink, response, tsig, ct).ConfigureAwait(false);
    }
}
