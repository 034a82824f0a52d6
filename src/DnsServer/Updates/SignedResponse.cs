using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Updates;

/// <summary>Encodes a response and, when the request was signed, signs it (RFC 8945 §5.3).</summary>
internal static class SignedResponse
{
    public static byte[] Encode(DnsMessage response, TsigVerifyResult tsig)
    {
        byte[] message = response.ToArray();
        if (tsig.Record is null)
        {
            return message;
        }

        if (tsig.RequiresErrorResponse)
        {
            throw new InvalidOperationException("TSIG failures are answered with TsigErrorResponse");
        }

        byte[] buffer = new byte[message.Length + TsigSigner.MaxRecordLength(tsig.OwnerName, tsig.Key!.Algorithm)];
        message.CopyTo(buffer, 0);
        return TsigSigner.TrySignResponse(buffer, message.Length, tsig, Now(), out int length)
            ? buffer[..length]
            : throw new InvalidOperationException("signed response does not fit");
    }

    /// <summary>The NOTAUTH answer with the TSIG error (BADKEY, BADSIG, BADTIME, BADTRUNC).</summary>
    public static byte[] TsigError(ReadOnlySpan<byte> request, TsigVerifyResult tsig)
    {
        byte[] buffer = new byte[request.Length + 512];
        return TsigErrorResponse.TryWrite(request, tsig, buffer, Now(), out int length)
            ? buffer[..length]
            : throw new InvalidOperationException("TSIG error response does not fit");
    }

    public static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
