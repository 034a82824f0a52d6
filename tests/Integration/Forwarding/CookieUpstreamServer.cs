using System.Collections.Concurrent;
using System.Net;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Forwarding;

/// <summary>
/// A fake upstream that speaks DNS cookies (RFC 7873 server side): it records the cookies each
/// query brings, echoes the client cookie with its own fixed server cookie, and when
/// <paramref name="enforce"/> is set answers BADCOOKIE (§5.2.3) to queries without that cookie.
/// </summary>
internal sealed class CookieUpstreamServer(bool enforce) : IDisposable
{
    public const string ServerCookieHex = "a1a2a3a4a5a6a7a8b1b2b3b4b5b6b7b8";

    private readonly FakeUpstreamServer _udp = new(_ => null);

    public IPEndPoint EndPoint => _udp.EndPoint;

    /// <summary>Per query: the name, the client cookie and the server cookie it carried (hex, "" when absent).</summary>
    public ConcurrentQueue<(string Name, string Client, string Server)> Seen { get; } = new();

    public void Start() => _udp.Handler = Answer;

    private DnsMessage Answer(DnsMessage query)
    {
        string client = "";
        string server = "";
        byte[] clientCookie = [];
        if (query.Edns is not null && query.Edns.TryGetCookie(out ReadOnlySpan<byte> c, out ReadOnlySpan<byte> s))
        {
            clientCookie = c.ToArray();
            client = Convert.ToHexString(c).ToLowerInvariant();
            server = Convert.ToHexString(s).ToLowerInvariant();
        }

        Seen.Enqueue((query.Questions[0].Name.ToString(), client, server));
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        response.Edns = new EdnsRecord();
        if (clientCookie.Length > 0)
        {
            response.Edns.Options.Add(DnsCookie.CreateOption(clientCookie, Convert.FromHexString(ServerCookieHex)));
        }

        if (enforce && clientCookie.Length > 0 && server != ServerCookieHex)
        {
            response.Rcode = DnsRcode.BadCookie; // 23: 7 in the header, 1 in the OPT (RFC 6891 §6.1.3)
            return response;
        }

        response.Answers.Add(new ResourceRecord(query.Questions[0].Name, 300, new ARdata(IPAddress.Parse("198.51.100.7"))));
        return response;
    }

    public void Dispose() => _udp.Dispose();
}
