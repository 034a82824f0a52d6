using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Updates;

/// <summary>Encodes a response and, when the request was signed, signs it (RFC 8945 §5.3).</summary>
internal static class SignedResponse
{
    /// <summary>
    /// Encodes within <paramref name="limit"/> bytes, TSIG included: room for the TSIG is kept
    /// first, the message's OPT is written before it (RFC 8945 §5.3: TSIG is the last record).
    /// </summary>
    public static byte[] Encode(DnsMessage response, TsigVerifyResult tsig, int limit = ushort.MaxValue)
    {
        if (tsig.Record is null)
        {
            return response.ToArray(limit);
        }

        if (tsig.RequiresErrorResponse)
        {
            throw new InvalidOperationException("TSIG failures are answered with TsigErrorResponse");
        }

        int reserve = TsigSigner.MaxRecordLength(tsig.OwnerName, tsig.Key!.Algorithm);
        byte[] message = response.ToArray(Math.Max(DnsHeader.Size, limit - reserve));
        byte[] buffer = new byte[message.Length + reserve];
        message.CopyTo(buffer, 0);
        return TsigSigner.TrySignResponse(buffer, message.Length, tsig, Now(), out int length)
            ? buffer[..length]
            : throw new InvalidOperationException("signed response does not fit");
    }

    /// <summary>The NOTAUTH answer with the TSIG error (BADKEY, BADSIG, BADTIME, BADTRUNC), with OPT when given.</summary>
    public static byte[] TsigError(ReadOnlySpan<byte> request, TsigVerifyResult tsig, EdnsRecord? edns = null)
    {
        byte[] buffer = new byte[request.Length + 512 + (edns?.WireSize ?? 0)];
        return TsigErrorResponse.TryWrite(request, tsig, buffer, Now(), out int length, edns)
            ? buffer[..length]
            : throw new InvalidOperationException("TSIG error response does not fit");
    }

    public static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
