using System.Buffers;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// Verifies the messages of a multi-message response to a request we signed (RFC 8945 §5.3.1),
/// e.g. an AXFR from a primary. The first message must be signed; later ones may be unsigned
/// (at most 99 in a row), and are then covered by the next signed message. The transfer is
/// authenticated only when its last message verified <see cref="TsigStatus.Valid"/>.
/// </summary>
public sealed class TsigStreamVerifier
{
    /// <summary>RFC 8945 §5.3.1: a signed message at least every 100 messages.</summary>
    public const int MaxUnsignedInRow = 99;

    private readonly TsigKey _key;
    private readonly ArrayBufferWriter<byte> _unsigned = new();
    private byte[] _priorMac;
    private int _unsignedCount;

    public TsigStreamVerifier(TsigKey key, ReadOnlySpan<byte> requestMac)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _priorMac = requestMac.ToArray();
    }

    public int MessagesVerified { get; private set; }

    /// <summary>The key name this verifier expects (as configured).</summary>
    public DnsName KeyName => _key.Name;

    /// <summary>
    /// Verifies the next message. An unsigned message after the first returns
    /// <see cref="TsigStatus.Unsigned"/> and is kept for the next signed one; too many in a row,
    /// or an unsigned first message, is <see cref="TsigStatus.BadSig"/>.
    /// </summary>
    public TsigVerifyResult Verify(ReadOnlySpan<byte> message, ulong now)
    {
        if (!TsigRecord.TryFind(message, out TsigRecord? record))
        {
            if (MessagesVerified == 0 || ++_unsignedCount > MaxUnsignedInRow)
            {
                return new TsigVerifyResult(TsigStatus.BadSig, _key, null, []);
            }

            _unsigned.Write(message);
            return TsigVerifyResult.Unsigned;
        }

        bool first = MessagesVerified == 0;
        var chain = new TsigChain(chained: true, _priorMac, _unsigned.WrittenSpan, timersOnly: !first);
        TsigVerifyResult result = TsigVerifier.CheckResponse(message, record!, _key, chain, now);
        if (result.IsValid)
        {
            _priorMac = result.Mac.ToArray();
            _unsigned.ResetWrittenCount();
            _unsignedCount = 0;
            MessagesVerified++;
        }

        return result;
    }
}
