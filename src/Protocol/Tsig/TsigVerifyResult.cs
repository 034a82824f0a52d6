using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// What verifying a message's TSIG found, and everything needed to sign the answer to it: the
/// key, the owner name exactly as received, the request MAC to chain (RFC 8945 §4.3.1) and the
/// request's time signed (echoed in BADTIME responses, §5.2.3).
/// </summary>
public sealed class TsigVerifyResult
{
    private readonly byte[] _mac;

    internal TsigVerifyResult(TsigStatus status, TsigKey? key, TsigRecord? record, byte[] mac)
    {
        Status = status;
        Key = key;
        Record = record;
        _mac = mac;
    }

    public static TsigVerifyResult Unsigned { get; } = new(TsigStatus.Unsigned, null, null, []);

    public TsigStatus Status { get; }

    public bool IsValid => Status == TsigStatus.Valid;

    /// <summary>The key that signed the message; null when unsigned or BADKEY.</summary>
    public TsigKey? Key { get; }

    /// <summary>The TSIG RR as received; null when unsigned.</summary>
    public TsigRecord? Record { get; }

    /// <summary>The message's MAC as received (possibly truncated): the input chained into the answer's MAC.</summary>
    public ReadOnlySpan<byte> Mac => _mac;

    /// <summary>The owner (key) name as received; responses echo it byte for byte.</summary>
    public DnsName OwnerName => Record?.OwnerName ?? DnsName.Root;

    /// <summary>The TSIG error field a response to this message carries (RFC 8945 §3).</summary>
    public DnsRcode Error => Status switch
    {
        TsigStatus.BadSig => DnsRcode.BadSig,
        TsigStatus.BadKey => DnsRcode.BadKey,
        TsigStatus.BadTime => DnsRcode.BadTime,
        TsigStatus.BadTrunc => DnsRcode.BadTrunc,
        TsigStatus.PeerError => (DnsRcode)(Record?.Data.Error ?? 0),
        _ => DnsRcode.NoError,
    };

    /// <summary>
    /// True when the request failed TSIG and the answer must be the error response (header RCODE
    /// NOTAUTH with the TSIG error set, RFC 8945 §5.2) rather than a normal one.
    /// </summary>
    public bool RequiresErrorResponse => Status is TsigStatus.BadSig or TsigStatus.BadKey or TsigStatus.BadTime or TsigStatus.BadTrunc;

    public override string ToString() => Record is null ? Status.ToString() : $"{Status} ({Record.OwnerName})";
}
