using SplitDns.Protocol.Edns;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    /// <summary>
    /// Encodes a FORMERR or NOTIMP answer to a decoded query. Like the replies to messages that
    /// could not be decoded (<see cref="ErrorReply"/>), it is never larger than the request (never
    /// an amplifier): when it would be, the COOKIE option is left out first, then the EDE texts,
    /// then the EDE options. The header, question and a bare OPT always fit: they echo the request.
    /// </summary>
    private int FinishError(QueryContext ctx, int requestLength, Span<byte> response)
    {
        int length = Encode(ctx, response);
        if (length > requestLength && ctx.HasResponseCookie)
        {
            ctx.ClearCookie();
            length = Encode(ctx, response);
        }

        if (length > requestLength && ctx.ExtendedErrors.Count > 0)
        {
            for (int i = 0; i < ctx.ExtendedErrors.Count; i++)
            {
                ctx.ExtendedErrors[i] = new ExtendedDnsError(ctx.ExtendedErrors[i].Code);
            }

            length = Encode(ctx, response);
            if (length > requestLength)
            {
                ctx.ExtendedErrors.Clear();
                length = Encode(ctx, response);
            }
        }

        return Record(ctx, response, length);
    }
}
