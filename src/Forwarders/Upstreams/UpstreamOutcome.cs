using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>What a group of upstreams produced for one question: a good answer, or why there is none.</summary>
public sealed record UpstreamOutcome(DnsMessage? Response, UpstreamServer? Server, string Failure)
{
    public bool Succeeded => Response is not null;

    public static UpstreamOutcome Success(UpstreamAttempt attempt) => new(attempt.Response, attempt.Server, string.Empty);
}
