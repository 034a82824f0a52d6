namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>
/// <see cref="ServerFixture"/> with a TSIG key ring, an SQLite store and the external-dns grant
/// on example.com for that key: signed queries and nsupdate both work.
/// </summary>
public sealed class SignedServerFixture : ServerFixture
{
    public const string KeyName = "query-key";
    public const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";
    public const string WrongSecret = "YW5vdGhlci1zZWNyZXQtdGhhdC1kb2VzLW5vdC1tYXRjaC0wMTIzNDU=";
    public const string KeySpec = "hmac-sha256:" + KeyName + ":" + Secret;

    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--SplitDns:Tsig:Keys:0:Name={KeyName}",
        "--SplitDns:Tsig:Keys:0:Algorithm=hmac-sha256",
        $"--SplitDns:Tsig:Keys:0:Secret={Secret}",
        "--SplitDns:Zones:0:Updates:0:Preset=external-dns",
        $"--SplitDns:Zones:0:Updates:0:Key={KeyName}",
        $"--SplitDns:Store:Path={Path.Combine(ZoneDirectory, "data", "splitdns.db")}",
    ];
}
