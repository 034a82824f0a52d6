using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>Handlers for <see cref="FakeDnsServer"/> that answer the way a TSIG-aware server would.</summary>
internal static class TsigTestServer
{
    public static readonly ResourceRecord Soa =
        TestMessages.Rr("example.com.", 3600, RecordType.SOA, "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300");

    /// <summary>Answers a valid signed request with a signed NOERROR response (an SOA answer to queries).</summary>
    /// <param name="clockSkew">Seconds added to the server's clock (to provoke BADTIME).</param>
    public static Func<byte[], bool, IReadOnlyList<byte[]>> SignedAnswers(ITsigKeyRing ring, long clockSkew = 0) => (request, _) =>
    {
        ulong now = (ulong)((long)TestMessages.Now + clockSkew);
        TsigVerifyResult verified = TsigVerifier.VerifyRequest(request, ring, now);
        if (verified.Status == TsigStatus.Unsigned)
        {
            return [];
        }

        if (verified.RequiresErrorResponse)
        {
            byte[] buffer = new byte[1024];
            Assert.True(TsigErrorResponse.TryWrite(request, verified, buffer, now, out int length));
            return [buffer[..length]];
        }

        bool isUpdate = ((request[2] >> 3) & 0xF) == 5;
        byte[] response = TestMessages.Response(request, isUpdate ? [] : [Soa]);
        return [TestMessages.SignResponse(response, verified, now)];
    };

    /// <summary>
    /// Answers a signed AXFR with <paramref name="messages"/> messages: SOA, A records spread over
    /// them, SOA; every message signed by <see cref="TsigStreamSigner"/>.
    /// </summary>
    public static IReadOnlyList<byte[]> AxfrStream(byte[] request, TsigVerifyResult verified, int messages, int recordsPerMessage)
    {
        var signer = new TsigStreamSigner(verified);
        var stream = new List<byte[]>();
        int host = 0;
        for (int m = 0; m < messages; m++)
        {
            var records = new List<ResourceRecord>();
            if (m == 0)
            {
                records.Add(Soa);
            }

            for (int r = 0; r < recordsPerMessage; r++, host++)
            {
                records.Add(TestMessages.Rr($"host{host}.example.com.", 300, RecordType.A, $"192.0.2.{host % 250}"));
            }

            if (m == messages - 1)
            {
                records.Add(Soa);
            }

            byte[] message = TestMessages.Response(request, records, includeQuestion: m == 0);
            byte[] buffer = new byte[message.Length + 512];
            message.CopyTo(buffer, 0);
            Assert.True(signer.TrySign(buffer, message.Length, TestMessages.Now, out int length));
            stream.Add(buffer[..length]);
        }

        return stream;
    }
}
