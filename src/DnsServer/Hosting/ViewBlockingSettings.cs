using System.Net;

namespace SplitDns.Server.Hosting;

/// <summary>How a view answers a blocked name (SplitDns:Views:N:Blocking:Mode).</summary>
public enum BlockMode
{
    /// <summary>NXDOMAIN with a synthesized SOA (negative TTL = the blocking TTL).</summary>
    NxDomain,

    /// <summary>NOERROR with no answer and the synthesized SOA.</summary>
    NoData,

    /// <summary>A → 0.0.0.0, AAAA → ::, any other type NODATA.</summary>
    NullIp,

    /// <summary>A and AAAA → the configured Addresses, any other type (or a family with none) NODATA.</summary>
    Custom,
}

/// <summary>
/// A view's blocking (SplitDns:Views:N:Blocking), validated: which lists block and which allow
/// (by name, from SplitDns:Blocking:Lists), how blocked names are answered and with what TTL.
/// </summary>
public sealed class ViewBlockingSettings
{
    public static ViewBlockingSettings Off { get; } = new() { Enabled = false };

    public bool Enabled { get; init; }

    public IReadOnlyList<string> Lists { get; init; } = [];

    public IReadOnlyList<string> Allowlists { get; init; } = [];

    public BlockMode Mode { get; init; } = BlockMode.NxDomain;

    /// <summary>Answers in <see cref="BlockMode.Custom"/>.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>TTL of blocked answers and of the synthesized SOA's negative TTL.</summary>
    public uint Ttl { get; init; } = 60;
}
