using System.Buffers.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace SplitDns.Server.Listeners.Doh;

/// <summary>
/// Takes the DNS message out of a DoH request (RFC 8484 §4.1): GET with <c>?dns=</c> (base64url,
/// RFC 4648 §5, without padding) and no body, or POST with an application/dns-message body of at
/// most 65,535 octets, read into the slot's pooled buffer. A request that does not qualify gets
/// a <see cref="DohRejectReason"/> and a short text for the 4xx answer.
/// </summary>
internal static class DohRequestReader
{
    public const string MediaType = "application/dns-message";

    /// <summary>The longest base64url text of a 65,535-octet message.</summary>
    private const int MaxEncodedLength = ((ushort.MaxValue * 4) + 2) / 3;

    public readonly record struct Result(int Length, DohRejectReason? Reason, string? Text)
    {
        public static Result Reject(DohRejectReason reason, string text) => new(0, reason, text);
    }

    public static ValueTask<Result> ReadAsync(HttpRequest request, byte[] buffer, CancellationToken ct)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return ValueTask.FromResult(ReadGet(request, buffer));
        }

        if (HttpMethods.IsPost(request.Method))
        {
            return ReadPostAsync(request, buffer, ct);
        }

        return ValueTask.FromResult(Result.Reject(DohRejectReason.Method, "only GET and POST are DoH methods (RFC 8484 §4.1)"));
    }

    private static Result ReadGet(HttpRequest request, byte[] buffer)
    {
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            return Result.Reject(DohRejectReason.BodyOnGet, "a GET request has no body (RFC 8484 §4.1: the query is the dns parameter)");
        }

        if (!request.Query.TryGetValue("dns", out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Result.Reject(DohRejectReason.MissingParameter, "GET needs exactly one non-empty dns parameter (RFC 8484 §4.1)");
        }

        string text = values[0]!;
        if (text.Length > MaxEncodedLength)
        {
            return Result.Reject(DohRejectReason.TooLarge, "the dns parameter decodes to more than 65535 octets");
        }

        // RFC 8484 §4.1: base64url, and padding characters MUST NOT be included.
        if (text.Contains('=') || Base64Url.DecodeFromChars(text, buffer, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return Result.Reject(DohRejectReason.BadBase64, "the dns parameter is not base64url without padding (RFC 8484 §4.1)");
        }

        return Checked(buffer, written);
    }

    private static async ValueTask<Result> ReadPostAsync(HttpRequest request, byte[] buffer, CancellationToken ct)
    {
        if (!IsDnsMessage(request.ContentType))
        {
            return Result.Reject(DohRejectReason.ContentType, "POST needs Content-Type: application/dns-message (RFC 8484 §4.1)");
        }

        if (request.ContentLength > ushort.MaxValue)
        {
            return Result.Reject(DohRejectReason.TooLarge, "a DNS message is at most 65535 octets");
        }

        int length = 0;
        while (length < buffer.Length)
        {
            int read = await request.Body.ReadAsync(buffer.AsMemory(length, DohQuerySlot.BufferSize - length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return Checked(buffer, length);
            }

            length += read;
            if (length > ushort.MaxValue)
            {
                return Result.Reject(DohRejectReason.TooLarge, "a DNS message is at most 65535 octets");
            }
        }

        return Checked(buffer, length);
    }

    private static Result Checked(byte[] buffer, int length)
    {
        if (length < Protocol.Wire.DnsHeader.Size)
        {
            return Result.Reject(DohRejectReason.NotAQuery, "not a DNS message: shorter than a DNS header (12 octets)");
        }

        // A response sent back at a server is how reflection loops start; never answer one.
        if ((buffer[2] & 0x80) != 0)
        {
            return Result.Reject(DohRejectReason.NotAQuery, "a DNS response (QR set), not a query");
        }

        return new Result(length, null, null);
    }

    private static bool IsDnsMessage(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)
        && parsed.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
}
