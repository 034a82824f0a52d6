namespace SplitDns.Protocol.Tsig;

/// <summary>
/// Signs every message of a multi-message response (AXFR/IXFR over TCP, RFC 8945 §5.3.1). The
/// first MAC covers the request MAC, the message and all TSIG variables; each later MAC covers
/// the prior MAC, the message and the timers only. RFC 8945 allows up to 99 unsigned messages in
/// between, but miekg/dns (external-dns) verifies every message, so every one is signed here.
/// </summary>
public sealed class TsigStreamSigner
{
    private readonly TsigVerifyResult _request;
    private readonly byte[] _priorMac = new byte[TsigAlgorithm.MaxMacLength];
    private int _priorLength;

    public TsigStreamSigner(TsigVerifyResult request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsValid)
        {
            throw new ArgumentException($"a stream answers only a valid signed request, not {request.Status}", nameof(request));
        }

        _request = request;
    }

    public int MessagesSigned { get; private set; }

    /// <summary>Appends the TSIG for the next message of the stream (see <see cref="TsigSigner"/> for the buffer contract).</summary>
    public bool TrySign(Span<byte> buffer, int messageLength, ulong now, out int signedLength)
    {
        Span<byte> mac = stackalloc byte[TsigAlgorithm.MaxMacLength];
        bool ok;
        if (MessagesSigned == 0)
        {
            ok = TsigSigner.TrySignResponse(buffer, messageLength, _request, now, mac, out signedLength);
        }
        else
        {
            TsigRecord record = _request.Record!;
            var chain = new TsigChain(chained: true, _priorMac.AsSpan(0, _priorLength), default, timersOnly: true);
            var fields = new TsigFields(record.OwnerName.Wire, record.Data.Algorithm.Wire, now, TsigSigner.DefaultFudge, 0, default);
            ok = TsigSigner.TryAppend(buffer, messageLength, _request.Key, fields, chain, mac, out signedLength);
        }

        if (ok)
        {
            _priorLength = _request.Key!.Algorithm.MacLength;
            mac[.._priorLength].CopyTo(_priorMac);
            MessagesSigned++;
        }

        return ok;
    }
}
