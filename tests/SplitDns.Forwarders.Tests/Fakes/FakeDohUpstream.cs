using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>A fake DoH server (RFC 8484) on Kestrel over HTTPS with a test certificate; records method and HTTP version.</summary>
public sealed class FakeDohUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDohUpstream(WebApplication app, IPAddress address, int port)
    {
        _app = app;
        Address = address;
        Port = port;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    public Func<FakeQuery, FakeReply?> Handler { get; set; } = FakeUpstream.DefaultHandler;

    public ConcurrentQueue<FakeQuery> Received { get; } = new();

    /// <summary>"POST HTTP/2" and so on, one per request.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public UpstreamEndpoint Endpoint(bool useGet = false)
    {
        UpstreamEndpoint.TryParseHttps($"https://upstream.test:{Port}/dns-query", Address, out UpstreamEndpoint? e, out _);
        return e! with { UseGet = useGet };
    }

    public static async Task<FakeDohUpstream> StartAsync(X509Certificate2 certificate)
    {
        IPAddress address = FakeUpstream.NextAddress();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        }));
        WebApplication app = builder.Build();
        FakeDohUpstream? self = null;
        app.MapPost("/dns-query", async (HttpContext ctx) =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            await self!.AnswerAsync(ctx, body.ToArray());
        });
        app.MapGet("/dns-query", async (HttpContext ctx) =>
        {
            string dns = ctx.Request.Query["dns"].ToString().Replace('-', '+').Replace('_', '/');
            dns = dns.PadRight(dns.Length + ((4 - (dns.Length % 4)) % 4), '=');
            await self!.AnswerAsync(ctx, Convert.FromBase64String(dns));
        });
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeDohUpstream(app, address, new Uri(url).Port);
        return self;
    }

    private async Task AnswerAsync(HttpContext ctx, byte[] packet)
    {
        Requests.Enqueue($"{ctx.Request.Method} {ctx.Request.Protocol}");
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(packet);
        }
        catch (DnsFormatException)
        {
            ctx.Response.StatusCode = 400;
            return;
        }

        var query = new FakeQuery("https", message, 0);
        Received.Enqueue(query);
        FakeReply? reply = Handler(query);
        if (reply is null)
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        ctx.Response.ContentType = "application/dns-message";
        await ctx.Response.Body.WriteAsync(reply.Packets[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
