using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// DNS over HTTPS (RFC 8484): HTTP/2 (falling back to HTTP/1.1 only when the server offers
/// nothing better), POST with an application/dns-message body or GET with the base64url
/// <c>dns</c> parameter. The query ID is 0 (RFC 8484 §4.1: cache-friendly; the HTTP exchange
/// already pairs question and answer). With a bootstrap address the URL host is never resolved.
/// </summary>
public sealed class HttpsUpstreamTransport : IUpstreamTransport
{
    private const string MediaType = "application/dns-message";

    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly bool _useGet;
    private readonly Action _onSpoofed;

    public HttpsUpstreamTransport(UpstreamEndpoint endpoint, X509Certificate2Collection? trustedRoots, Action onSpoofed, TimeSpan idleTimeout)
    {
        _url = endpoint.Url ?? throw new ArgumentException("DoH endpoint without URL", nameof(endpoint));
        _useGet = endpoint.UseGet;
        _onSpoofed = onSpoofed;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = idleTimeout,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        handler.SslOptions = UpstreamTls.ClientOptions(_url.IdnHost, trustedRoots);
        if (endpoint.Address is { } bootstrap)
        {
            var target = new IPEndPoint(bootstrap, endpoint.Port);
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _client = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async ValueTask<byte[]> ExchangeAsync(UpstreamQuery query, CancellationToken ct)
    {
        UpstreamQuery zeroId = query.Id == 0 ? query : query.WithId(0);
        using HttpRequestMessage request = _useGet
            ? new HttpRequestMessage(HttpMethod.Get, GetUri(zeroId.Wire))
            : new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(zeroId.Wire) };
        // RFC 8484 §5.2: HTTP/2 is the minimum recommended version (the client defaults apply only to its helpers).
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        }

        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"DoH server answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentType?.MediaType != MediaType)
        {
            throw new HttpRequestException($"DoH server answered with content type '{response.Content.Headers.ContentType}'");
        }

        if (response.Content.Headers.ContentLength is > 65535)
        {
            throw new HttpRequestException("DoH answer longer than a DNS message can be");
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!zeroId.Matches(body))
        {
            _onSpoofed();
            throw new UpstreamMismatchException();
        }

        return body;
    }

    /// <summary>RFC 8484 §4.1: the <c>dns</c> variable is base64url without padding.</summary>
    private Uri GetUri(byte[] wire)
    {
        string encoded = Convert.ToBase64String(wire).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var builder = new UriBuilder(_url);
        string existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? "dns=" + encoded : existing + "&dns=" + encoded;
        return builder.Uri;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
