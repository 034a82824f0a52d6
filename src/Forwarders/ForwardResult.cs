using SplitDns.Forwarders.Cache;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders;

/// <summary>
/// The answer to a forwarded question: an encoded upstream response (served with TTLs counted
/// down to <see cref="NowMs"/>), or a failure with the rcode and Extended DNS Error the client
/// should get. A struct, so a cache hit completes <see cref="IUpstreamResolver.ResolveAsync"/>
/// synchronously without allocating.
/// </summary>
public readonly struct ForwardResult
{
    private ForwardResult(CachedResponse? response, long nowMs, ForwardSource source, DnsRcode failureRcode,
        ExtendedDnsErrorCode? extendedError, string? extendedErrorText, uint fixedTtl)
    {
        Response = response;
        NowMs = nowMs;
        Source = source;
        FailureRcode = failureRcode;
        ExtendedError = extendedError;
        ExtendedErrorText = extendedErrorText;
        FixedTtl = fixedTtl;
    }

    public CachedResponse? Response { get; }

    public long NowMs { get; }

    public ForwardSource Source { get; }

    /// <summary>Set on stale answers (EDE 3) and failures (EDE 22 and others): add it to the client's OPT.</summary>
    public ExtendedDnsErrorCode? ExtendedError { get; }

    public string? ExtendedErrorText { get; }

    /// <summary>The TTL every record gets instead of its counted-down one (stale answers), or 0.</summary>
    public uint FixedTtl { get; }

    private DnsRcode FailureRcode { get; }

    public bool Succeeded => Response is not null;

    public DnsRcode Rcode => Response?.Rcode ?? FailureRcode;

    public static ForwardResult FromCache(CachedResponse response, long nowMs) =>
        new(response, nowMs, ForwardSource.Cache, DnsRcode.NoError, null, null, 0);

    public static ForwardResult FromUpstream(CachedResponse response, long nowMs) =>
        new(response, nowMs, ForwardSource.Upstream, DnsRcode.NoError, null, null, 0);

    /// <summary>RFC 8767 §4: stale data with a short TTL, marked with EDE 3 (RFC 8914 §4.4).</summary>
    public static ForwardResult Stale(CachedResponse response, long nowMs, uint staleTtl, string? reason) =>
        new(response, nowMs, ForwardSource.Stale, DnsRcode.NoError, ExtendedDnsErrorCode.StaleAnswer, reason, staleTtl);

    public static ForwardResult Failure(DnsRcode rcode, ExtendedDnsErrorCode code, string? text) =>
        new(null, 0, ForwardSource.Failed, rcode, code, text, 0);

    /// <summary>
    /// Writes the response (without OPT: the server adds its own) into <paramref name="destination"/>:
    /// the client's ID, RD and question case. Returns the length, or -1 on failure or lack of room.
    /// </summary>
    public int WriteTo(Span<byte> destination, ushort id, ReadOnlySpan<byte> questionName, bool recursionDesired) =>
        Response is null ? -1 : Response.WriteTo(destination, id, questionName, recursionDesired, NowMs, FixedTtl);

    /// <summary>The response as a message (tests, truncation and other slow paths).</summary>
    public DnsMessage ToMessage(ushort id = 0, bool recursionDesired = true)
    {
        if (Response is null)
        {
            throw new InvalidOperationException("a failed forward has no response message");
        }

        byte[] buffer = new byte[Response.Length];
        WriteTo(buffer, id, default, recursionDesired);
        return DnsMessage.Parse(buffer);
    }
}
