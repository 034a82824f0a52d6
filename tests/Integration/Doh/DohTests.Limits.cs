using System.Net;
using System.Net.Sockets;
using SplitDns.Protocol.Records;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Doh;

/// <summary>Doh:ConnectionsPerClient (16 in the fixture): checked before the TLS handshake, per peer address.</summary>
public sealed partial class DohTests
{
    [Fact]
    public async Task ConnectionsPerClient_OverLimit_ClosedBeforeHandshake_OthersAnswered()
    {
        var source = IPAddress.Parse("127.66.20.10");
        var held = new List<Socket>();
        try
        {
            for (int i = 0; i < 16; i++)
            {
                held.Add(Connect(source));
            }

            using Socket extra = Connect(source);
            extra.ReceiveTimeout = 5000;

            // Closed by the server without a byte (no handshake started): a read sees the end.
            Assert.Equal(0, extra.Receive(new byte[16]));

            // Another address is not affected.
            var (_, dns) = await ExchangeAsync(DohServerFixture.Post(DohUrl, RawDns.Query("target.doh.test.", RecordType.A, 5), HttpVersion.Version20));
            Assert.Equal("192.0.2.60", AddressOf(dns));
        }
        finally
        {
            foreach (Socket s in held)
            {
                s.Dispose();
            }
        }
    }

    private Socket Connect(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.Connect(new IPEndPoint(server.Address, server.HttpsPort));
        return socket;
    }
}
