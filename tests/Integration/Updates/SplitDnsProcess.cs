using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Updates;

/// <summary>
/// The real server as a child process (the built splitdns.dll under <c>dotnet</c>), listening on
/// a loopback address of its own. It can be killed with SIGKILL and restarted on the same
/// address, store and zone files.
/// </summary>
internal sealed class SplitDnsProcess : IAsyncDisposable
{
    public const string KeyName = "externaldns";
    public const string Secret = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=";
    public const string KeySpec = "hmac-sha256:" + KeyName + ":" + Secret;
    public const string AdminKeySpec = "hmac-sha512:admin:YWRtaW5hZG1pbmFkbWluYWRtaW4=";

    private static int s_nextHost = Environment.ProcessId % 50 * 4 + 10;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private SplitDnsProcess(string directory, IPAddress address, int port)
    {
        Directory = directory;
        Address = address;
        Port = port;
    }

    public string Directory { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(Address, Port);

    public string ZoneFile => Path.Combine(Directory, "zones", "example.com.zone");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Writes the zone file and config (with <paramref name="zoneExtra"/> JSON in the zone entry) and
    /// starts. Each of <paramref name="moreZones"/> is served too, with the external-dns preset.
    /// </summary>
    public static Task<SplitDnsProcess> StartAsync(string zoneFileBody, string zoneExtra = "",
        string transfer = "{ \"Keys\": [\"" + KeyName + "\"], \"Networks\": [\"127.0.0.0/8\"] }",
        params (string Origin, string Body)[] moreZones) =>
        StartAsync(zoneFileBody, zoneExtra, transfer, store: null, moreZones);

    /// <summary>
    /// As above, with <paramref name="store"/> as the "Store" section's JSON object (null: a SQLite
    /// file in the server's folder), e.g. a PostgreSQL database several replicas share.
    /// </summary>
    public static async Task<SplitDnsProcess> StartAsync(string zoneFileBody, string zoneExtra, string transfer, string? store,
        params (string Origin, string Body)[] moreZones)
    {
        SplitDnsProcess server = await CreateAsync(zoneFileBody, zoneExtra, transfer, store, moreZones);
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// As <see cref="StartAsync(string, string, string, string?, ValueTuple{string, string}[])"/>, but
    /// not started yet: set <see cref="ExtraEnvironment"/> first, then call <see cref="StartAsync()"/>.
    /// </summary>
    public static async Task<SplitDnsProcess> CreateAsync(string zoneFileBody, string zoneExtra, string transfer, string? store,
        params (string Origin, string Body)[] moreZones)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("splitdns-it-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "zones"));
        int host = Interlocked.Add(ref s_nextHost, 1);
        var address = IPAddress.Parse($"127.0.{host / 250 % 250 + 1}.{host % 250 + 2}");
        int port = LoopbackAddress.FreePort(address);
        var server = new SplitDnsProcess(dir, address, port);
        await File.WriteAllTextAsync(server.ZoneFile, zoneFileBody);
        string extra = zoneExtra.Length > 0 ? ", " + zoneExtra : "";
        var more = new StringBuilder();
        foreach (var (origin, body) in moreZones)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "zones", origin + "zone"), body);
            more.Append($$""", { "File": "{{origin}}zone", "Origin": "{{origin}}", "Updates": [ { "Preset": "external-dns", "Key": "{{KeyName}}" } ] }""");
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), $$"""
            { "SplitDns": {
              "Domain": "example.com",
              "ZoneDirectory": "{{dir}}/zones",
              "Zones": [ { "File": "example.com.zone",
                  "Updates": [ { "Preset": "external-dns", "Key": "{{KeyName}}" }, { "Key": "admin", "Names": ["**"] } ],
                  "Transfer": {{transfer}}{{extra}} }{{more}} ],
              "Listen": { "Dns": "{{address}}:{{port}}", "Http": "{{address}}:{{port + 1}}" },
              "Udp": { "ReceiveLoops": 1 },
              "WatchZoneFiles": false,
              "Store": {{store ?? $$"""{ "Path": "{{dir}}/data/splitdns.db" }"""}},
              "Tsig": { "Keys": [
                { "Name": "{{KeyName}}", "Algorithm": "hmac-sha256", "Secret": "{{Secret}}" },
                { "Name": "admin", "Algorithm": "hmac-sha512", "Secret": "YWRtaW5hZG1pbmFkbWluYWRtaW4=" } ] }
            } }
            """);
        return server;
    }

    /// <summary>Environment variables set on the server process at every start (e.g. libfaketime's).</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var (name, value) in ExtraEnvironment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "splitdns.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(Path.Combine(Directory, "config.json"));
        foreach (string a in OfflineDefaults.Args)
        {
            start.ArgumentList.Add(a);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start splitdns");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"splitdns exited with {_process.ExitCode}:\n{Log}");
            }

            if (await CanConnectAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"splitdns did not start listening:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    public Task<ToolResult> DigAsync(params string[] args) =>
        ClientTool.RunAsync("dig", [$"@{Address}", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=3", "+tries=1", .. args], null, TimeSpan.FromSeconds(20));

    /// <summary>dig +short, trimmed lines, sorted.</summary>
    public async Task<List<string>> ShortAsync(string name, string type)
    {
        ToolResult r = await DigAsync("+short", name, type);
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<uint> SerialAsync() =>
        uint.Parse((await ShortAsync("example.com.", "SOA"))[0].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs nsupdate with a script; "server" and "zone" lines are prepended.</summary>
    public Task<ToolResult> NsupdateAsync(string script, string? key = KeySpec, string zone = "example.com", params string[] options)
    {
        var args = new List<string>(options);
        if (key is not null)
        {
            args.Add("-y");
            args.Add(key);
        }

        string input = $"server {Address} {Port}\nzone {zone}\n{script}\nsend\n";
        return ClientTool.RunAsync("nsupdate", args, input, TimeSpan.FromSeconds(20));
    }

    private async Task<bool> CanConnectAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(EndPoint).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
