using System.Buffers.Binary;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// Appends a TSIG RR to an encoded message in place (RFC 8945 §4, §5.3): the message is
/// <c>buffer[..messageLength]</c>, the TSIG goes right after it and ARCOUNT is incremented.
/// Running out of room is <c>false</c>; the message bytes are then unchanged, except that an
/// error answer's RCODE has already been set to NOTAUTH.
/// </summary>
public static class TsigSigner
{
    /// <summary>Fudge sent with our signatures: 300 s, as BIND, Knot and miekg/dns use.</summary>
    public const ushort DefaultFudge = 300;

    private const int BadTimeOtherLength = 6;

    /// <summary>Octets a TSIG RR may add for this owner and algorithm (size the buffer with this).</summary>
    public static int MaxRecordLength(DnsName owner, TsigAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return owner.WireLength + 10 + algorithm.Name.WireLength + 16 + algorithm.MacLength + BadTimeOtherLength;
    }

    /// <summary>
    /// Signs a request (RFC 8945 §4.3.2: message + all TSIG variables). The full MAC goes to
    /// <paramref name="mac"/> (at least <see cref="TsigAlgorithm.MaxMacLength"/> octets); keep it to
    /// verify the response.
    /// </summary>
    public static bool TrySignRequest(Span<byte> buffer, int messageLength, TsigKey key, ulong now, Span<byte> mac,
        out int signedLength, ushort fudge = DefaultFudge)
    {
        ArgumentNullException.ThrowIfNull(key);
        var chain = new TsigChain(chained: false, default, default, timersOnly: false);
        var fields = new TsigFields(key.Name.Wire, key.Algorithm.Name.Wire, now, fudge, 0, default);
        return TryAppend(buffer, messageLength, key, fields, chain, mac, out signedLength);
    }

    /// <summary>
    /// Signs the response to a verified request, doing what the request's outcome demands:
    /// <list type="bullet">
    /// <item>Valid: signed with the request MAC chained in (RFC 8945 §4.3.1).</item>
    /// <item>BADSIG, BADKEY: header RCODE set to NOTAUTH, TSIG unsigned (MAC size 0) carrying the error (§5.3.2).</item>
    /// <item>BADTIME: NOTAUTH, signed, time signed = the request's, other data = our time (§5.2.3).</item>
    /// <item>BADTRUNC: NOTAUTH, signed (§5.3.2: errors of validity period or MAC length are signed).</item>
    /// </list>
    /// The owner name is the request's, byte for byte: clients such as miekg/dns and bodgit/tsig look
    /// the response key up by exact name.
    /// </summary>
    public static bool TrySignResponse(Span<byte> buffer, int messageLength, TsigVerifyResult request, ulong now, out int signedLength)
    {
        ArgumentNullException.ThrowIfNull(request);
        Span<byte> mac = stackalloc byte[TsigAlgorithm.MaxMacLength];
        return TrySignResponse(buffer, messageLength, request, now, mac, out signedLength);
    }

    internal static bool TrySignResponse(Span<byte> buffer, int messageLength, TsigVerifyResult request, ulong now, Span<byte> mac,
        out int signedLength)
    {
        TsigRecord record = request.Record ?? throw new InvalidOperationException("the request was not signed: nothing to answer with TSIG");
        ReadOnlySpan<byte> owner = record.OwnerName.Wire;
        ReadOnlySpan<byte> algorithm = record.Data.Algorithm.Wire;
        var chain = new TsigChain(chained: true, request.Mac, default, timersOnly: false);
        switch (request.Status)
        {
            case TsigStatus.Valid:
                return TryAppend(buffer, messageLength, request.Key, new TsigFields(owner, algorithm, now, DefaultFudge, 0, default),
                    chain, mac, out signedLength);
            case TsigStatus.BadSig or TsigStatus.BadKey:
                SetNotAuth(buffer, messageLength);
                return TryAppend(buffer, messageLength, null,
                    new TsigFields(owner, algorithm, now, DefaultFudge, (ushort)request.Error, default), chain, mac, out signedLength);
            case TsigStatus.BadTime:
                SetNotAuth(buffer, messageLength);
                Span<byte> other = stackalloc byte[BadTimeOtherLength];
                BinaryPrimitives.WriteUInt16BigEndian(other, (ushort)(now >> 32));
                BinaryPrimitives.WriteUInt32BigEndian(other[2..], (uint)now);
                return TryAppend(buffer, messageLength, request.Key,
                    new TsigFields(owner, algorithm, record.Data.TimeSigned, DefaultFudge, (ushort)DnsRcode.BadTime, other),
                    chain, mac, out signedLength);
            case TsigStatus.BadTrunc:
                SetNotAuth(buffer, messageLength);
                return TryAppend(buffer, messageLength, request.Key,
                    new TsigFields(owner, algorithm, now, DefaultFudge, (ushort)DnsRcode.BadTrunc, default), chain, mac, out signedLength);
            default:
                throw new InvalidOperationException($"cannot answer a request whose TSIG status is {request.Status}");
        }
    }

    /// <summary>
    /// Computes the MAC (unless <paramref name="key"/> is null: an unsigned error TSIG) and writes the
    /// TSIG RR after the message. <paramref name="mac"/> receives the full MAC.
    /// </summary>
    internal static bool TryAppend(Span<byte> buffer, int messageLength, TsigKey? key, scoped in TsigFields fields,
        scoped in TsigChain chain, Span<byte> mac, out int signedLength)
    {
        signedLength = messageLength;
        if (messageLength < DnsHeader.Size || messageLength > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(messageLength), "the buffer does not hold a DNS message of that length");
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        ushort additional = BinaryPrimitives.ReadUInt16BigEndian(buffer[10..]);
        if (additional == ushort.MaxValue)
        {
            return false;
        }

        int macLength = 0;
        if (key is not null)
        {
            var vars = new TsigVariables
            {
                Owner = fields.Owner,
                Class = (ushort)DnsClass.Any,
                Ttl = 0,
                Algorithm = fields.Algorithm,
                TimeSigned = fields.TimeSigned,
                Fudge = fields.Fudge,
                Error = fields.Error,
                OtherData = fields.OtherData,
            };
            macLength = TsigMac.Compute(key, chain.Chained, chain.PriorMac, chain.UnsignedPrefix, buffer[..messageLength], id,
                additional, vars, chain.TimersOnly, mac);
        }

        // RFC 8945 §4.2: owner = key name, class ANY, TTL 0; names never compressed (Windows
        // and older BIND reject a compressed TSIG owner).
        var writer = new DnsWriter(buffer[messageLength..]);
        writer.DisableCompression();
        if (!(writer.TryWriteName(fields.Owner, compress: false)
            && writer.TryWriteUInt16((ushort)RecordType.TSIG)
            && writer.TryWriteUInt16((ushort)DnsClass.Any)
            && writer.TryWriteUInt32(0)
            && writer.TryReserveUInt16(out int lengthOffset)
            && TsigRdata.TryWriteFields(ref writer, fields.Algorithm, fields.TimeSigned, fields.Fudge, mac[..macLength], id,
                fields.Error, fields.OtherData)))
        {
            return false;
        }

        writer.PatchUInt16(lengthOffset, (ushort)(writer.Position - lengthOffset - 2));
        BinaryPrimitives.WriteUInt16BigEndian(buffer[10..], (ushort)(additional + 1));
        signedLength = messageLength + writer.Position;
        return true;
    }

    // RFC 8945 §5.2: a TSIG failure is answered with RCODE 9 (NOTAUTH); the TSIG error field says why.
    private static void SetNotAuth(Span<byte> buffer, int messageLength)
    {
        if (messageLength < DnsHeader.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(messageLength), "the buffer does not hold a DNS message of that length");
        }

        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)((flags & ~0xF) | (int)DnsRcode.NotAuth));
    }
}

/// <summary>The TSIG RDATA fields a signer chooses (the MAC and original ID are computed).</summary>
internal readonly ref struct TsigFields
{
    public TsigFields(ReadOnlySpan<byte> owner, ReadOnlySpan<byte> algorithm, ulong timeSigned, ushort fudge, ushort error,
        ReadOnlySpan<byte> otherData)
    {
        Owner = owner;
        Algorithm = algorithm;
        TimeSigned = timeSigned;
        Fudge = fudge;
        Error = error;
        OtherData = otherData;
    }

    public ReadOnlySpan<byte> Owner { get; }

    public ReadOnlySpan<byte> Algorithm { get; }

    public ulong TimeSigned { get; }

    public ushort Fudge { get; }

    public ushort Error { get; }

    public ReadOnlySpan<byte> OtherData { get; }
}
