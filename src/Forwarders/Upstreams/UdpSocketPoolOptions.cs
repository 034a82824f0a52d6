namespace SplitDns.Forwarders.Upstreams;

/// <summary>The pre-bound UDP sockets each UDP upstream keeps (configuration section Forwarders:UdpPool).</summary>
public sealed class UdpSocketPoolOptions
{
    /// <summary>Most sockets (each on its own random source port) per upstream; opened as queries need them.</summary>
    public int Size { get; set; } = 64;

    /// <summary>A socket is replaced by one on a fresh random port after this many queries.</summary>
    public int MaxQueriesPerSocket { get; set; } = 500;

    /// <summary>... or after this long, whichever comes first.</summary>
    public TimeSpan MaxSocketAge { get; set; } = TimeSpan.FromMinutes(2);
}
