using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Server.Processing;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Updates;

/// <summary>
/// What the UPDATE, transfer and NOTIFY handlers share: their settings, the zones, the write
/// path, the metrics, and the TSIG check every one of them starts with (RFC 8945 §5.2).
/// </summary>
public sealed class DynamicZones
{
    public DynamicZones(DynamicSettings settings, ZoneCatalog catalog, ZoneWriter writer, UpdateMetrics metrics)
    {
        Settings = settings;
        Catalog = catalog;
        Writer = writer;
        Metrics = metrics;
    }

    public DynamicSettings Settings { get; }

    public ZoneCatalog Catalog { get; }

    public ZoneWriter Writer { get; }

    public UpdateMetrics Metrics { get; }

    /// <summary>
    /// Verifies the request's TSIG. A request that fails it (BADKEY, BADSIG, BADTIME) is logged
    /// with key and algorithm, counted, and answered NOTAUTH with the TSIG error (RFC 8945 §5.3.2);
    /// then <c>Passed</c> is false and the caller stops. Unsigned requests pass with no record.
    /// </summary>
    public async ValueTask<(bool Passed, TsigVerifyResult Tsig)> VerifyTsigAsync(DnsRequest request, IResponseSink sink,
        string kind, ILogger logger, CancellationToken ct)
    {
        TsigVerifyResult tsig = TsigVerifier.VerifyRequest(request.Raw.Span, Settings.Keys, SignedResponse.Now());
        if (!tsig.RequiresErrorResponse)
        {
            return (true, tsig);
        }

        Log.TsigFailed(logger, kind, request.Client, TsigRdata.ErrorToText((ushort)tsig.Error), tsig.OwnerName.ToString(), tsig.Record!.Data.Algorithm.ToString());
        Metrics.TsigFailure(kind.ToLowerInvariant(), tsig.Error);
        await sink.SendAsync(SignedResponse.TsigError(request.Raw.Span, tsig), ct).ConfigureAwait(false);
        return (false, tsig);
    }

    /// <summary>The key name for logs: the TSIG owner as received, or "-" when unsigned.</summary>
    public static string KeyForLog(TsigVerifyResult tsig) => tsig.Record is null ? "-" : tsig.OwnerName.ToString();

    /// <summary>The verified key's canonical name, or null when the request was not validly signed.</summary>
    public static string? VerifiedKey(TsigVerifyResult tsig) => tsig.IsValid ? tsig.Key!.Name.ToString() : null;
}
