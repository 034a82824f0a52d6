using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>
/// The real server (the same host the binary runs) started in-process on a private loopback
/// address, with the test zones copied to a temporary directory.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public IPAddress Address { get; } = LoopbackAddress.Next();

    public int Port { get; private set; }

    public int HttpPort { get; private set; }

    public string ZoneDirectory { get; } = Directory.CreateTempSubdirectory("splitdns-it-").FullName;

    public IServiceProvider Services => _app!.Services;

    public Dig Dig => new(Address, Port);

    /// <summary>Extra "--Key=Value" settings for fixtures that need them.</summary>
    protected virtual IEnumerable<string> ExtraArgs => [];

    public async Task InitializeAsync()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Zones");
        foreach (string file in Directory.GetFiles(source, "*.zone"))
        {
            File.Copy(file, Path.Combine(ZoneDirectory, Path.GetFileName(file)));
        }

        PrepareZones(ZoneDirectory);

        Port = LoopbackAddress.FreePort(Address);
        HttpPort = LoopbackAddress.FreePort(Address);
        string[] args =
        [
            $"--SplitDns:Domain=example.com",
            $"--SplitDns:ZoneDirectory={ZoneDirectory}",
            "--SplitDns:Zones:0:File=example.com.zone",
            "--SplitDns:Zones:1:File=rfc4592.zone", "--SplitDns:Zones:1:Origin=example.",
            "--SplitDns:Zones:2:File=chains.zone", "--SplitDns:Zones:2:Origin=chains.test.",
            $"--SplitDns:Listen:Dns={Address}:{Port}",
            $"--SplitDns:Listen:Http={Address}:{HttpPort}",
            "--SplitDns:Udp:ReceiveLoops=2",
            "--SplitDns:Chaos:Version=SplitDns integration",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArgs,
        ];
        _app = SplitDnsHost.Build(args, includeDefaults: false);
        await _app.StartAsync();
    }

    /// <summary>Writes extra zone files before the server starts (name them in <see cref="ExtraArgs"/>).</summary>
    protected virtual void PrepareZones(string directory)
    {
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(ZoneDirectory, recursive: true);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
