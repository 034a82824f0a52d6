using BenchmarkDotNet.Attributes;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Bench.Protocol;

/// <summary>
/// TSIG on an external-dns style UPDATE (zone example.com, delete one A, add one A and its
/// registry TXT) with hmac-sha256: sign the request, verify it, sign the response.
/// </summary>
[MemoryDiagnoser]
public class TsigBenchmarks
{
    private const ulong Now = 1_700_000_000;

    private readonly byte[] _signBuffer = new byte[1024];
    private readonly byte[] _mac = new byte[TsigAlgorithm.MaxMacLength];
    private TsigKey _key = null!;
    private TsigKeyRing _ring = null!;
    private byte[] _update = null!;
    private byte[] _signedUpdate = null!;
    private byte[] _response = null!;
    private TsigVerifyResult _verified = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = TsigKey.FromBase64("externaldns-key.", TsigAlgorithm.HmacSha256, "c2VjcmV0LWtleS1mb3ItYmVuY2htYXJrcy0wMTIzNDU2Nzg5YWJjZGVm");
        _ring = new TsigKeyRing([_key]);
        _update = BuildUpdate();
        _update.CopyTo(_signBuffer, 0);
        TsigSigner.TrySignRequest(_signBuffer, _update.Length, _key, Now, _mac, out int length);
        _signedUpdate = _signBuffer[..length];
        _verified = TsigVerifier.VerifyRequest(_signedUpdate, _ring, Now);
        if (!_verified.IsValid)
        {
            throw new InvalidOperationException("benchmark setup: request does not verify");
        }

        _response = _update[..(DnsHeader.Size + 17)];
        _response[2] |= 0x80;
        _response[9] = 0;
    }

    [Benchmark]
    public int SignRequest()
    {
        _update.CopyTo(_signBuffer, 0);
        TsigSigner.TrySignRequest(_signBuffer, _update.Length, _key, Now, _mac, out int length);
        return length;
    }

    [Benchmark]
    public TsigStatus VerifyRequest() => TsigVerifier.VerifyRequest(_signedUpdate, _ring, Now).Status;

    [Benchmark]
    public int SignResponse()
    {
        _response.CopyTo(_signBuffer, 0);
        TsigSigner.TrySignResponse(_signBuffer, _response.Length, _verified, Now, out int length);
        return length;
    }

    [Benchmark(Baseline = true)]
    public int VerifyRequestAndSignResponse()
    {
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(_signedUpdate, _ring, Now);
        _response.CopyTo(_signBuffer, 0);
        TsigSigner.TrySignResponse(_signBuffer, _response.Length, verified, Now, out int length);
        return length;
    }

    private static byte[] BuildUpdate()
    {
        byte[] buffer = new byte[1024];
        var header = new DnsHeader { Id = 0x2b3c, Opcode = DnsOpcode.Update, QuestionCount = 1, AuthorityCount = 3 };
        header.WriteTo(buffer);
        var writer = new DnsWriter(buffer);
        writer.DisableCompression();
        writer.TryWriteBytes(buffer.AsSpan(0, DnsHeader.Size).ToArray());
        writer.TryWriteName(DnsName.Parse("example.com."));
        writer.TryWriteUInt16((ushort)RecordType.SOA);
        writer.TryWriteUInt16((ushort)DnsClass.IN);
        Record("v1.example.com.", RecordType.A, DnsClass.None, 0, "10.0.0.1").TryWrite(ref writer);
        Record("v1.example.com.", RecordType.A, DnsClass.IN, 300, "10.0.1.1").TryWrite(ref writer);
        Record("a-v1.example.com.", RecordType.TXT, DnsClass.IN, 300,
            "\"heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/v1\"").TryWrite(ref writer);
        return buffer[..writer.Position];
    }

    private static ResourceRecord Record(string name, RecordType type, DnsClass cls, uint ttl, string rdata) =>
        new(DnsName.Parse(name), type, cls, ttl, RdataFactory.Parse(type, RdataTextReader.FromString(rdata, DnsName.Root)));
}
