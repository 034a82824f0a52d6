using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Server;

/// <summary>RFC 7766 §6.2.1.1 on one connection: a zone transfer's messages stay together among pipelined answers.</summary>
public class TcpConcurrencyTests(TcpConcurrencyTests.BulkZoneServer server) : IClassFixture<TcpConcurrencyTests.BulkZoneServer>
{
    /// <summary>Serves bulk.test (2,000 A records: an AXFR of several 16 KiB messages) to loopback without TSIG.</summary>
    public sealed class BulkZoneServer : ServerFixture
    {
        protected override IEnumerable<string> ExtraArgs =>
        [
            "--SplitDns:Zones:3:File=bulk.test.zone", "--SplitDns:Zones:3:Origin=bulk.test.",
            "--SplitDns:Zones:3:Transfer:Networks:0=127.0.0.0/8",
        ];

        protected override void PrepareZones(string directory)
        {
            var zone = new StringBuilder("$TTL 300\n@ IN SOA ns1 hostmaster 7 3600 600 604800 300\n  IN NS ns1\nns1 IN A 192.0.2.53\n");
            for (int i = 0; i < 2000; i++)
            {
                zone.Append(CultureInfo.InvariantCulture, $"host{i} IN A 198.51.{i / 250}.{i % 250 + 1}\n");
            }

            File.WriteAllText(Path.Combine(directory, "bulk.test.zone"), zone.ToString());
        }
    }

    [Fact]
    public void PipelinedAxfrAndQueries_TransferMessagesContiguous()
    {
        using Socket s = RawDns.Connect(server.Address, server.Port);
        var burst = new List<byte>(RawDns.Frame(RawDns.Query("bulk.test.", RecordType.AXFR, 1)));
        for (ushort id = 2; id <= 11; id++)
        {
            burst.AddRange(RawDns.Frame(RawDns.Query("host1.example.", RecordType.A, id)));
        }

        s.Send(burst.ToArray());
        var order = new List<ushort>();
        int soaSeen = 0;
        var answered = new HashSet<ushort>();
        while (soaSeen < 2 || answered.Count < 10)
        {
            DnsMessage reply = DnsMessage.Parse(RawDns.ReadFrame(s) ?? throw new InvalidOperationException("connection closed early"));
            order.Add(reply.Id);
            if (reply.Id == 1)
            {
                Assert.Equal(DnsRcode.NoError, reply.Rcode);
                soaSeen += reply.Answers.Count(r => r.Type == RecordType.SOA);
            }
            else
            {
                Assert.Equal("192.0.2.1", ((ARdata)Assert.Single(reply.Answers).Data).Address.ToString());
                answered.Add(reply.Id);
            }
        }

        int first = order.IndexOf(1);
        int last = order.LastIndexOf(1);
        Assert.True(last > first, "the transfer should span several messages: " + string.Join(",", order));
        Assert.All(order.GetRange(first, last - first + 1), id => Assert.Equal(1, id));
    }
}
