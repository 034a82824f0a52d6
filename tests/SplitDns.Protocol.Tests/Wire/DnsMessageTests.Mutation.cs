using System.Diagnostics;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

/// <summary>
/// Seeded random mutation of valid packets: every mutant must parse or end in a
/// <see cref="DnsFormatException"/>, in both parsers. A crash input found here becomes a line in
/// Wire/Corpus/hostile.txt (or hostile-rdata.txt).
/// </summary>
public partial class DnsMessageTests
{
    private const int MutationCount = 20_000;

    // Captured from dig 9.18 / kdig 3.2 on loopback (see DnsMessageTests.RealClients.cs).
    private static readonly string[] s_seedQueries =
    [
        "68d001200001000000000001076578616d706c6503636f6d00001c000100002904d000008000001000030000000a0008a0316bcb8504be1f",
        "f05101200001000000000000076578616d706c6503636f6d0000010001",
        "6fd200300001000000000001074578616d706c6503434f4d00000f000100002905780000000000170008000700011800c00002000a0008b609a85786eb1ce5",
        "e7ea01200001000000000002076578616d706c6503636f6d000006000100002904d000000000000c000a0008e4927cbc63467920026b310000fa00ff00000000003d0b686d61632d7368613235360000006b013e1e012c0020c1eb2ca29dff70617f11d9266701e67f6230d93662775b90bc0b485514e121a1e7ea00000000",
        "7955012000010000000000010131013201300331393207696e2d61646472046172706100000c000100002904d0000000000010000a0008aa8dddf098b57fe300090000",
    ];

    [Fact]
    public void Parse_RandomMutations_EndInParseOrFormatError()
    {
        List<byte[]> seeds = MutationSeeds();
        var random = new Random(0x5EED);
        var crashes = new List<string>();
        var clock = Stopwatch.StartNew();
        int parsed = 0;
        for (int i = 0; i < MutationCount && clock.Elapsed < TimeSpan.FromSeconds(30); i++)
        {
            byte[] mutant = Mutate(seeds[random.Next(seeds.Count)], random);
            if (CheckMutant(mutant, crashes))
            {
                parsed++;
            }
        }

        Assert.True(crashes.Count == 0, "crash inputs (add them to Wire/Corpus):\n" + string.Join('\n', crashes.Take(20)));

        // The mutator must leave some packets valid, or the test would only exercise error paths.
        Assert.True(parsed > MutationCount / 50, $"only {parsed} mutants parsed");
    }

    /// <summary>Returns true when DnsMessage parsed the mutant; records any non-format exception.</summary>
    private static bool CheckMutant(byte[] mutant, List<string> crashes)
    {
        bool parsed = false;
        try
        {
            DnsMessage m = DnsMessage.Parse(mutant);
            parsed = true;

            // Whatever parses re-encodes, re-parses, and is stable after one normalization pass.
            byte[] once = m.ToArray();
            byte[] twice = DnsMessage.Parse(once).ToArray();
            if (!once.AsSpan().SequenceEqual(twice))
            {
                crashes.Add($"{Convert.ToHexStringLower(mutant)} # re-encoding not stable");
            }
        }
        catch (DnsFormatException)
        {
        }
        catch (Exception e)
        {
            crashes.Add($"{Convert.ToHexStringLower(mutant)} # DnsMessage: {e.GetType().Name}: {e.Message}");
        }

        try
        {
            Span<byte> name = stackalloc byte[255];
            QueryView.Parse(mutant, name);
        }
        catch (DnsFormatException)
        {
        }
        catch (Exception e)
        {
            crashes.Add($"{Convert.ToHexStringLower(mutant)} # QueryView: {e.GetType().Name}: {e.Message}");
        }

        return parsed;
    }

    private static List<byte[]> MutationSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (string hex in s_seedQueries)
        {
            seeds.Add(Convert.FromHexString(hex));
        }

        var response = new DnsMessage();
        response.Header.Id = 0x4242;
        response.Header.IsResponse = true;
        response.Header.AuthoritativeAnswer = true;
        response.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.com."), Protocol.Records.RecordType.A));
        response.Answers.Add(Rr("www.example.com. 300 IN CNAME host.example.com."));
        response.Answers.Add(Rr("host.example.com. 300 IN A 192.0.2.1"));
        response.Answers.Add(Rr("host.example.com. 300 IN A 192.0.2.2"));
        response.Authority.Add(Rr("example.com. 3600 IN NS ns1.example.com."));
        response.Authority.Add(Rr("example.com. 3600 IN SOA ns1.example.com. admin.example.com. 7 3600 600 86400 60"));
        response.Additional.Add(Rr("ns1.example.com. 3600 IN AAAA 2001:db8::53"));
        response.Additional.Add(Rr("example.com. 60 IN MX 10 mail.example.com."));
        response.Additional.Add(Rr("example.com. 60 IN TXT \"v=spf1 -all\" \"x\""));
        response.Edns = new EdnsRecord { UdpPayloadSize = 1232, DnssecOk = true };
        response.Edns.AddExtendedError(ExtendedDnsErrorCode.Blocked, "blocked");
        seeds.Add(response.ToArray());
        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int operations = 1 + random.Next(3);
        for (int op = 0; op < operations && bytes.Count > 0; op++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes[at] = s_interesting[random.Next(s_interesting.Length)]; break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4: bytes.Insert(at, (byte)random.Next(256)); break;
                case 5: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(4))); break;
                case 6:
                    if (bytes.Count >= 12)
                    {
                        int field = 4 + (2 * random.Next(4));
                        bytes[field] = random.Next(4) == 0 ? (byte)0xff : (byte)0;
                        bytes[field + 1] = (byte)random.Next(4);
                    }

                    break;
                case 7:
                    bytes[at] = (byte)(0xC0 | random.Next(2));
                    if (at + 1 < bytes.Count)
                    {
                        bytes[at + 1] = (byte)random.Next(256);
                    }

                    break;
                default:
                    int length = Math.Min(bytes.Count - at, 1 + random.Next(16));
                    bytes.AddRange(bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static readonly byte[] s_interesting = [0x00, 0x01, 0x0c, 0x29, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xfa, 0xff];
}
