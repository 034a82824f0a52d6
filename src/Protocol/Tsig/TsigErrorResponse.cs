using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// Builds the whole answer to a request that failed TSIG (RFC 8945 §5.2): the request's ID,
/// opcode, RD and question, QR set, RCODE NOTAUTH, no other records, and the TSIG that
/// <see cref="TsigSigner.TrySignResponse(Span{byte}, int, TsigVerifyResult, ulong, out int)"/> makes for that error.
/// With <c>edns</c>, an OPT goes before the TSIG (RFC 6891 §7: a request with OPT gets one back;
/// RFC 8945 §5.3: TSIG stays last).
/// </summary>
public static class TsigErrorResponse
{
    public static bool TryWrite(ReadOnlySpan<byte> request, TsigVerifyResult verification, Span<byte> buffer, ulong now, out int length,
        EdnsRecord? edns = null)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.RequiresErrorResponse)
        {
            throw new ArgumentException($"TSIG status {verification.Status} needs no error response", nameof(verification));
        }

        length = 0;
        if (!DnsHeader.TryRead(request, out DnsHeader query))
        {
            ThrowHelper.Truncated();
        }

        var reader = new DnsReader(request, DnsHeader.Size);
        for (int i = 0; i < query.QuestionCount; i++)
        {
            reader.SkipName();
            reader.Skip(4);
        }

        // The question bytes are copied as they are: their compression pointers keep their targets.
        int questionEnd = reader.Position;
        if (buffer.Length < questionEnd)
        {
            return false;
        }

        var header = new DnsHeader
        {
            Id = query.Id,
            Opcode = query.Opcode,
            IsResponse = true,
            RecursionDesired = query.RecursionDesired,
            Rcode = (int)DnsRcode.NotAuth,
            QuestionCount = query.QuestionCount,
        };
        request[DnsHeader.Size..questionEnd].CopyTo(buffer[DnsHeader.Size..]);
        int messageEnd = questionEnd;
        if (edns is not null)
        {
            var writer = new DnsWriter(buffer[questionEnd..]);
            if (!edns.TryWrite(ref writer))
            {
                return false;
            }

            messageEnd += writer.Position;
            header.AdditionalCount = 1;
        }

        header.WriteTo(buffer);
        return TsigSigner.TrySignResponse(buffer, messageEnd, verification, now, out length);
    }
}
