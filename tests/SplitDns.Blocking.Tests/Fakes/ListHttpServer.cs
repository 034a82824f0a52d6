using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SplitDns.Blocking.Tests.Fakes;

/// <summary>
/// A blocklist web server on 127.0.0.1 (Kestrel, port picked by the OS): serves <see cref="Body"/>
/// at /list.txt with an ETag, answers 304 to a matching If-None-Match, or fails as told
/// (<see cref="Status"/>, <see cref="Delay"/>, <see cref="ClaimedLength"/>).
/// </summary>
internal sealed class ListHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _notModified;

    private ListHttpServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public string Body { get; set; } = "";

    public int Status { get; set; } = 200;

    /// <summary>How long to wait before answering (to trigger the client's timeout).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>A Content-Length header to send instead of the real one (with a body of that size when streaming).</summary>
    public long? ClaimedLength { get; set; }

    /// <summary>Stream this many bytes of list without a Content-Length (chunked).</summary>
    public int? ChunkedBytes { get; set; }

    public bool SendETag { get; set; } = true;

    public int Requests => Volatile.Read(ref _requests);

    public int NotModifiedAnswers => Volatile.Read(ref _notModified);

    public string? LastIfNoneMatch { get; private set; }

    public static async Task<ListHttpServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new ListHttpServer(app);
        app.MapGet("/list.txt", server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/list.txt");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        LastIfNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (Status != 200)
        {
            http.Response.StatusCode = Status;
            return;
        }

        string etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Body)))[..16] + "\"";
        if (SendETag && LastIfNoneMatch == etag)
        {
            Interlocked.Increment(ref _notModified);
            http.Response.StatusCode = 304;
            return;
        }

        if (SendETag)
        {
            http.Response.Headers.ETag = etag;
        }

        await WriteBodyAsync(http);
    }

    private async Task WriteBodyAsync(HttpContext http)
    {
        http.Response.ContentType = "text/plain";
        if (ChunkedBytes is int chunked)
        {
            byte[] line = "0.0.0.0 streamed.example\n"u8.ToArray();
            for (int sent = 0; sent < chunked; sent += line.Length)
            {
                await http.Response.Body.WriteAsync(line, http.RequestAborted);
            }

            return;
        }

        byte[] body = System.Text.Encoding.UTF8.GetBytes(Body);
        if (ClaimedLength is long claimed)
        {
            http.Response.ContentLength = claimed;
            await http.Response.Body.FlushAsync(http.RequestAborted); // headers only: the client must give up on the length
            return;
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
