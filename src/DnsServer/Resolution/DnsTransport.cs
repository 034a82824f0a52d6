namespace SplitDns.Server.Resolution;

/// <summary>How a message arrived. Persisted in metrics labels: never renumber.</summary>
public enum DnsTransport
{
    Udp = 0,
    Tcp = 1,
    Doh = 3,
}
