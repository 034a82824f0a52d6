using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>The outcome of one try: status, the parsed answer when there is one, and who answered.</summary>
public sealed record UpstreamAttempt(UpstreamAttemptStatus Status, UpstreamServer Server, DnsMessage? Response, string? Error)
{
    public bool IsAnswer => Status == UpstreamAttemptStatus.Answered;
}
