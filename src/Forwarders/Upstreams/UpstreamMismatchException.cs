namespace SplitDns.Forwarders.Upstreams;

/// <summary>An answer carried our ID but another question: discarded as spoofed or broken (RFC 5452 §3).</summary>
public sealed class UpstreamMismatchException : Exception
{
    public UpstreamMismatchException()
        : base("upstream answer did not match the question")
    {
    }

    public UpstreamMismatchException(string message)
        : base(message)
    {
    }

    public UpstreamMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
