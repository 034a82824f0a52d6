using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

// TSIG on ordinary queries (RFC 8945 §5): the slow path, taken only when a query carries TSIG.
public sealed partial class QueryProcessor
{
    /// <summary>
    /// Verifies a signed query with the server's keys (the same ring as UPDATE). True: go on, the
    /// response will be signed (<see cref="QueryContext.Tsig"/>). False: <paramref name="length"/>
    /// bytes of answer are ready: NOTAUTH with the TSIG error (RFC 8945 §5.2), or FORMERR for
    /// malformed TSIG.
    /// </summary>
    private bool TryVerifyTsig(QueryContext ctx, ReadOnlySpan<byte> packet, Span<byte> response, out int length)
    {
        length = 0;
        ulong now = UnixNow();
        TsigVerifyResult tsig;
        try
        {
            tsig = TsigVerifier.VerifyRequest(packet, _keys, now);
        }
        catch (DnsFormatException ex)
        {
            Log.Malformed(_logger, ctx.Transport, ex.Message);
            _metrics.RecordMalformed(ctx.Transport);
            length = ErrorReply.FormErr(packet, response, ctx.RecursionAvailable, ex.Error);
            return false;
        }

        if (tsig.RequiresErrorResponse)
        {
            string error = TsigRdata.ErrorToText((ushort)tsig.Error);
            Log.QueryTsigFailed(_logger, ctx.ClientEndPoint, error, tsig.OwnerName.ToString(), tsig.Record!.Data.Algorithm.ToString());
            _updateMetrics?.TsigFailure("query", tsig.Error);

            // BADKEY and BADSIG go unsigned, BADTIME and BADTRUNC signed (RFC 8945 §5.3.2).
            if (!TsigErrorResponse.TryWrite(packet, tsig, response[..Math.Min(response.Length, ctx.MaxResponseSize)], now, out length))
            {
                length = HeaderOnly(packet, response, DnsRcode.NotAuth, ctx.RecursionAvailable);
            }

            ctx.Rcode = DnsRcode.NotAuth;
            _metrics.RecordQuery(ctx, truncated: false);
            _queryLog?.Record(ctx, length);
            return false;
        }

        if (tsig.IsValid)
        {
            ctx.SetTsig(tsig, TsigSigner.MaxRecordLength(tsig.OwnerName, tsig.Key!.Algorithm));
        }

        return true;
    }

    /// <summary>Appends the response TSIG, the request MAC chained in (RFC 8945 §4.3.1, §5.3).</summary>
    private int Sign(QueryContext ctx, Span<byte> response, int length)
    {
        if (length == 0)
        {
            return 0;
        }

        if (TsigSigner.TrySignResponse(response, length, ctx.Tsig!, UnixNow(), out int signed))
        {
            return signed;
        }

        // Room was reserved before encoding, so this is a bug; an unsigned answer would only be rejected.
        Log.QuerySignFailed(_logger, ctx.QuestionName);
        return 0;
    }

    private static ulong UnixNow() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
