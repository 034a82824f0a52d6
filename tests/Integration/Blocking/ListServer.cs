using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SplitDns.Integration.Tests.Blocking;

/// <summary>A blocklist web server on a loopback address: serves <see cref="Body"/> at /list.txt, or <see cref="Status"/> when that is not 200.</summary>
internal sealed class ListServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ListServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public string Body { get; set; } = "";

    public int Status { get; set; } = StatusCodes.Status200OK;

    public int Requests;

    public static async Task<ListServer> StartAsync(IPAddress address, int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(address, port));
        WebApplication app = builder.Build();
        var server = new ListServer(app, new Uri($"http://{address}:{port}/list.txt"));
        app.MapGet("/list.txt", (HttpContext http) =>
        {
            Interlocked.Increment(ref server.Requests);
            return server.Status == StatusCodes.Status200OK
                ? Results.Text(server.Body, "text/plain")
                : Results.StatusCode(server.Status);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
