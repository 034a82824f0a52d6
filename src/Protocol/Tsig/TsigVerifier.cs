using System.Buffers.Binary;
using System.Security.Cryptography;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// Checks the TSIG of a received message (RFC 8945 §5.2 for requests, §5.3/§5.4 for responses).
/// Failures a peer can cause (unknown key, wrong MAC, clock skew, short MAC) come back as a
/// <see cref="TsigVerifyResult"/>; malformed TSIG (misplaced, duplicated, MAC longer than the
/// algorithm's or shorter than RFC 8945 §5.2.2.1 allows) throws <see cref="DnsFormatException"/>,
/// which the listener answers with FORMERR.
/// </summary>
public static class TsigVerifier
{
    /// <summary>Verifies a request against the server's keys at time <paramref name="now"/> (Unix seconds).</summary>
    public static TsigVerifyResult VerifyRequest(ReadOnlySpan<byte> message, ITsigKeyRing keys, ulong now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!TsigRecord.TryFind(message, out TsigRecord? record))
        {
            return TsigVerifyResult.Unsigned;
        }

        // RFC 8945 §5.2.1: unknown key, or a known key with another algorithm, is BADKEY.
        if (!keys.TryFind(record!.OwnerName, out TsigKey? key) || !key.Algorithm.Name.Equals(record.Data.Algorithm))
        {
            return new TsigVerifyResult(TsigStatus.BadKey, null, record, []);
        }

        var chain = new TsigChain(chained: false, default, default, timersOnly: false);
        return Check(message, record, key, chain, now);
    }

    /// <summary>
    /// Verifies a response to a request this side signed with <paramref name="key"/>, whose MAC was
    /// <paramref name="requestMac"/> (RFC 8945 §5.3). A TSIG error set by the server comes back as
    /// <see cref="TsigStatus.PeerError"/>.
    /// </summary>
    public static TsigVerifyResult VerifyResponse(ReadOnlySpan<byte> message, TsigKey key, ReadOnlySpan<byte> requestMac, ulong now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!TsigRecord.TryFind(message, out TsigRecord? record))
        {
            return TsigVerifyResult.Unsigned;
        }

        var chain = new TsigChain(chained: true, requestMac, default, timersOnly: false);
        return CheckResponse(message, record!, key, chain, now);
    }

    internal static TsigVerifyResult CheckResponse(ReadOnlySpan<byte> message, TsigRecord record, TsigKey key, scoped in TsigChain chain, ulong now)
    {
        TsigRdata tsig = record.Data;
        if (!record.OwnerName.Equals(key.Name) || !key.Algorithm.Name.Equals(tsig.Algorithm))
        {
            return new TsigVerifyResult(TsigStatus.BadKey, null, record, []);
        }

        // RFC 8945 §5.3.2: BADKEY and BADSIG answers come unsigned; report the server's error.
        if (tsig.Mac.IsEmpty && tsig.Error != 0)
        {
            return new TsigVerifyResult(TsigStatus.PeerError, key, record, []);
        }

        TsigVerifyResult result = Check(message, record, key, chain, now);
        return result.IsValid && tsig.Error != 0
            ? new TsigVerifyResult(TsigStatus.PeerError, key, record, tsig.MacArray)
            : result;
    }

    /// <summary>MAC length rules, then MAC, then time, then truncation policy (RFC 8945 §5.2.2, §5.2.3).</summary>
    internal static TsigVerifyResult Check(ReadOnlySpan<byte> message, TsigRecord record, TsigKey key, scoped in TsigChain chain, ulong now)
    {
        TsigRdata tsig = record.Data;
        TsigAlgorithm algorithm = key.Algorithm;
        int size = tsig.Mac.Length;
        if (size > algorithm.MacLength)
        {
            ThrowHelper.Format(DnsFormatError.BadTsig, $"TSIG MAC of {size} octets is longer than {algorithm}'s");
        }

        if (size > 0 && size < algorithm.MinimumMacLength)
        {
            ThrowHelper.Format(DnsFormatError.BadTsig, $"TSIG MAC truncated to {size} octets, below the minimum of {algorithm.MinimumMacLength}");
        }

        if (size == 0)
        {
            return new TsigVerifyResult(TsigStatus.BadSig, key, record, []);
        }

        ushort additional = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        var vars = new TsigVariables
        {
            Owner = record.OwnerName.Wire,
            Class = (ushort)record.Class,
            Ttl = record.Ttl,
            Algorithm = tsig.Algorithm.Wire,
            TimeSigned = tsig.TimeSigned,
            Fudge = tsig.Fudge,
            Error = tsig.Error,
            OtherData = tsig.OtherData,
        };
        Span<byte> computed = stackalloc byte[TsigAlgorithm.MaxMacLength];
        TsigMac.Compute(key, chain.Chained, chain.PriorMac, chain.UnsignedPrefix, message[..record.Offset], tsig.OriginalId,
            (ushort)(additional - 1), vars, chain.TimersOnly, computed);

        // A truncated MAC is compared on its leading octets (RFC 8945 §5.2.2.1), in constant time.
        if (!CryptographicOperations.FixedTimeEquals(computed[..size], tsig.Mac))
        {
            return new TsigVerifyResult(TsigStatus.BadSig, key, record, []);
        }

        // RFC 8945 §5.2.3: checked only after the MAC, so an attacker cannot probe our clock.
        if (!IsWithinFudge(tsig.TimeSigned, tsig.Fudge, now))
        {
            return new TsigVerifyResult(TsigStatus.BadTime, key, record, tsig.MacArray);
        }

        if (size < key.MinimumMacLength)
        {
            return new TsigVerifyResult(TsigStatus.BadTrunc, key, record, tsig.MacArray);
        }

        return new TsigVerifyResult(TsigStatus.Valid, key, record, tsig.MacArray);
    }

    private static bool IsWithinFudge(ulong timeSigned, ushort fudge, ulong now) =>
        now <= timeSigned + fudge && now + fudge >= timeSigned;
}

/// <summary>What precedes the message in the MAC input and whether only the timers follow it.</summary>
internal readonly ref struct TsigChain
{
    public TsigChain(bool chained, ReadOnlySpan<byte> priorMac, ReadOnlySpan<byte> unsignedPrefix, bool timersOnly)
    {
        Chained = chained;
        PriorMac = priorMac;
        UnsignedPrefix = unsignedPrefix;
        TimersOnly = timersOnly;
    }

    public bool Chained { get; }

    public ReadOnlySpan<byte> PriorMac { get; }

    public ReadOnlySpan<byte> UnsignedPrefix { get; }

    public bool TimersOnly { get; }
}
