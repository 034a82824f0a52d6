using System.Buffers;
using System.Buffers.Binary;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>The TSIG variables that follow the message in the MAC input (RFC 8945 §4.3.3).</summary>
internal ref struct TsigVariables
{
    public ReadOnlySpan<byte> Owner;
    public ushort Class;
    public uint Ttl;
    public ReadOnlySpan<byte> Algorithm;
    public ulong TimeSigned;
    public ushort Fudge;
    public ushort Error;
    public ReadOnlySpan<byte> OtherData;
}

/// <summary>
/// Assembles the MAC input of RFC 8945 §4.3 in one pooled buffer and runs the algorithm's
/// one-shot HMAC over it:
/// <list type="bullet">
/// <item>[MAC size + MAC of the request, or of the prior message in a stream (§4.3.1, §5.3.1)]</item>
/// <item>[unsigned messages of a stream since the last signed one (§5.3.1)]</item>
/// <item>the message without its TSIG, with ARCOUNT excluding it and the original ID (§4.3.2)</item>
/// <item>all TSIG variables with canonical (lowercased) names (§4.3.3), or the timers only.</item>
/// </list>
/// </summary>
internal static class TsigMac
{
    private const int HeaderLength = DnsHeader.Size;

    /// <summary>Writes the full-length MAC into <paramref name="mac"/> and returns its length.</summary>
    public static int Compute(TsigKey key, bool chained, ReadOnlySpan<byte> priorMac, ReadOnlySpan<byte> unsignedPrefix,
        ReadOnlySpan<byte> message, ushort originalId, ushort additionalCount, scoped in TsigVariables vars, bool timersOnly,
        Span<byte> mac)
    {
        int capacity = 2 + priorMac.Length + unsignedPrefix.Length + message.Length
            + (2 * DnsName.MaxLength) + 24 + vars.OtherData.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            Span<byte> data = rented;
            int n = 0;
            if (chained)
            {
                BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)priorMac.Length);
                priorMac.CopyTo(data[2..]);
                n = 2 + priorMac.Length;
            }

            unsignedPrefix.CopyTo(data[n..]);
            n += unsignedPrefix.Length;

            message.CopyTo(data[n..]);
            BinaryPrimitives.WriteUInt16BigEndian(data[n..], originalId);
            BinaryPrimitives.WriteUInt16BigEndian(data[(n + HeaderLength - 2)..], additionalCount);
            n += message.Length;

            n += WriteVariables(data[n..], vars, timersOnly);
            key.Algorithm.ComputeMac(key.Secret, data[..n], mac);
            return key.Algorithm.MacLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int WriteVariables(Span<byte> data, scoped in TsigVariables vars, bool timersOnly)
    {
        int n = 0;
        if (!timersOnly)
        {
            n += WriteLowercase(data, vars.Owner);
            BinaryPrimitives.WriteUInt16BigEndian(data[n..], vars.Class);
            BinaryPrimitives.WriteUInt32BigEndian(data[(n + 2)..], vars.Ttl);
            n += 6;
            n += WriteLowercase(data[n..], vars.Algorithm);
        }

        BinaryPrimitives.WriteUInt16BigEndian(data[n..], (ushort)(vars.TimeSigned >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(data[(n + 2)..], (uint)vars.TimeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(data[(n + 6)..], vars.Fudge);
        n += 8;
        if (!timersOnly)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data[n..], vars.Error);
            BinaryPrimitives.WriteUInt16BigEndian(data[(n + 2)..], (ushort)vars.OtherData.Length);
            n += 4;
            vars.OtherData.CopyTo(data[n..]);
            n += vars.OtherData.Length;
        }

        return n;
    }

    // RFC 8945 §4.3.3: key and algorithm names in canonical wire format (RFC 4034 §6.2).
    private static int WriteLowercase(Span<byte> destination, ReadOnlySpan<byte> wireName)
    {
        for (int i = 0; i < wireName.Length; i++)
        {
            destination[i] = DnsName.ToLower(wireName[i]);
        }

        return wireName.Length;
    }
}
