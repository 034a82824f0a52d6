namespace SplitDns.Server.Hosting;

/// <summary>Answers to CH TXT version.bind and id.server (RFC 4892); empty means REFUSED.</summary>
public sealed class ChaosSettings
{
    public string? Version { get; init; }

    public string? Identity { get; init; }
}
