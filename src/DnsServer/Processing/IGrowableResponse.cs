namespace SplitDns.Server.Processing;

/// <summary>
/// Implemented by a sink whose response buffer starts small (DNS over TCP: a few KiB per
/// in-flight query, not 64 KiB). When an answer needs more room than it was given, the processor
/// asks for a full-size buffer (65,535 octets) and encodes the answer again into it. The wait
/// lets a connection bound how many full-size buffers it holds at once.
/// </summary>
public interface IGrowableResponse
{
    /// <summary>A buffer of at least 65,535 octets for the current query, kept until its answer is written.</summary>
    ValueTask<Memory<byte>> GrowAsync(CancellationToken ct);
}
