using SplitDns.Protocol.Tsig;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>Fixed test secrets, one per algorithm (never used outside tests).</summary>
internal static class TestKeys
{
    public const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";
    public const string OtherSecret = "YW5vdGhlci1zZWNyZXQtdGhhdC1kb2VzLW5vdC1tYXRjaC0wMTIzNDU=";

    public static TheoryData<string> AlgorithmNames => new("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    public static TsigAlgorithm Algorithm(string shortName) =>
        TsigAlgorithm.TryParse(shortName, out TsigAlgorithm? algorithm) ? algorithm : throw new ArgumentException(shortName);

    public static TsigKey Key(string algorithm = "hmac-sha256", string name = "key-name.", string secret = Secret) =>
        TsigKey.FromBase64(name, Algorithm(algorithm), secret);

    public static TsigKeyRing Ring(params TsigKey[] keys) => new(keys);
}
