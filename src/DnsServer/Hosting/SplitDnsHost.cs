using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SplitDns.Forwarders;
using SplitDns.Protocol.Tsig;
using SplitDns.Server.Listeners.Tcp;
using SplitDns.Server.Listeners.Udp;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.RateLimiting;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Resolution;
using SplitDns.Server.Resolution.Steps;
using SplitDns.Server.Updates;
using SplitDns.Server.Views;
using SplitDns.Server.Zones;
using SplitDns.ZoneStore.Memory;
using SplitDns.Blocking;
using SplitDns.Server.Blocking;
using SplitDns.Server.Api;
using SplitDns.Server.Tls;

namespace SplitDns.Server.Hosting;

/// <summary>
/// Composes the server on the ASP.NET Core generic host: one Kestrel serves DNS over TCP (a
/// connection handler per DNS endpoint) and HTTP (operations endpoints); UDP listeners and the
/// zone loader are hosted services. Configuration and zones are validated before anything binds.
/// </summary>
public static class SplitDnsHost
{
    /// <summary>
    /// Builds the application. Throws <see cref="ServerConfigurationException"/> listing every
    /// configuration or zone error. <paramref name="includeDefaults"/> false skips the embedded
    /// appsettings.json (tests give a complete configuration).
    /// </summary>
    public static WebApplication Build(string[] args, bool includeDefaults = true, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        var errors = new List<string>();
        builder.Configuration.Sources.Clear();
        try
        {
            ServerConfiguration.AddSources(builder.Configuration, args, includeDefaults, errors);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            errors.Add($"--config: not valid JSON: {ex.Message}");
        }

        var (settings, dynamic, queryLog, api) = StartupSettings.Read(builder.Configuration, ServerConfiguration.PathBase(args), errors);
        if (errors.Count > 0)
        {
            throw new ServerConfigurationException(errors);
        }

        settings = DropUnsupportedFamilies(settings);
        ConfigureLogging(builder, settings);
        AddServices(builder.Services, settings);
        builder.Services.AddDynamicZones(dynamic);
        builder.Services.AddQueryLog(queryLog);
        builder.Services.AddApi(api);
        SkipDataProtectionKeyRing(builder.Services);

        // Signed ordinary queries (RFC 8945 §5) are verified with the same keys as updates.
        builder.Services.AddSingleton<ITsigKeyRing>(dynamic.Keys);
        configureServices?.Invoke(builder.Services);
        ConfigureKestrel(builder, settings);

        WebApplication app = builder.Build();

        // The exporter's MeterListener must listen before anything is recorded: counters are
        // not observable, so the start-up zone loads would otherwise never reach /metrics.
        app.Services.GetRequiredService<PrometheusExporter>();

        // Zones load before any socket is bound: a broken zone stops start-up with file:line:reason.
        app.Services.GetRequiredService<ZoneFileService>().LoadAllAsync(CancellationToken.None).GetAwaiter().GetResult();

        // So are the TLS certificates: a missing or mismatched key stops start-up with key: file: reason.
        app.Services.GetService<TlsCertificateSource>();
        OpsEndpoints.Map(app);
        ApiEndpoints.Map(app);
        WebUi.WebUiEndpoints.Map(app);
        LogDnsTcpEndpoints(app, settings);
        return app;
    }

    public static void AddServices(IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton<ZoneCatalog>();
        services.AddSingleton<DnsServerMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<IZoneFileLoader, MasterFileLoader>();
        services.AddSingleton<ZoneFileSource>();
        services.AddSingleton<ZoneFileService>();
        services.AddHostedService(sp => sp.GetRequiredService<ZoneFileService>());
        services.AddSingleton<ChaosStep>();
        services.AddSingleton(sp => ForwardingResolver.Create(settings.Forwarders,
            sp.GetService<ILoggerFactory>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IUpstreamResolver>(sp => sp.GetRequiredService<ForwardingResolver>());
        services.AddSingleton(settings.RecursionAcl);
        services.AddSingleton(sp => new BlocklistCatalog(settings.Blocking.Options, BlocklistHttp.Create(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("SplitDns.Blocking"), TimeProvider.System));
        services.AddSingleton<BlockingService>();
        services.AddHostedService(sp => sp.GetRequiredService<BlockingService>());
        services.AddSingleton(sp => ViewFactory.Create(settings, sp.GetRequiredService<ZoneCatalog>(),
            sp.GetRequiredService<ForwardingResolver>(), sp.GetRequiredService<ChaosStep>(),
            sp.GetRequiredService<BlocklistCatalog>(), sp.GetRequiredService<DnsServerMetrics>(), TimeProvider.System));
        services.AddSingleton(sp => new BlockingControl(
            sp.GetRequiredService<ViewTable>().Views.Select(v => v.Blocking).OfType<ViewBlocking>()));
        services.AddRateLimitAndCookies(settings);
        services.AddSingleton<QueryProcessor>();
        services.AddSingleton<UdpListenerService>();
        services.AddHostedService(sp => sp.GetRequiredService<UdpListenerService>());
        services.AddSingleton<DnsConnectionHandler>();
        services.AddTlsCertificates(settings.Tls);
        Listeners.Doh.DohEndpoints.AddDoh(services, settings.Doh);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, ServerSettings settings)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        // Authentication brings ASP.NET data protection, which nothing here uses (API tokens are
        // not cookies). Its start-up warnings about an in-memory key ring (a read-only root, no
        // HOME) would only be noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
        });

        // Kestrel would announce the DNS TCP endpoints as "http://…": wrap the console provider
        // to drop those lines (the TCP listener names them itself once started).
        ServiceDescriptor? console = builder.Services.FirstOrDefault(d =>
            d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (console is not null)
        {
            builder.Services.Remove(console);
            builder.Services.AddSingleton<ILoggerProvider>(sp => new DnsEndpointLogFilter(
                new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>()),
                settings.DnsEndpoints.Concat(settings.Tls.DotEndpoints)));
        }
    }

    /// <summary>
    /// Authentication brings ASP.NET data protection, whose hosted service reads (or creates) the
    /// XML key ring at start-up. Nothing here protects data (API tokens are not cookies), so the
    /// ring is left to load on first use, which never comes: start-up maps no XML stack (RSS at
    /// start, bench/load/README.md).
    /// </summary>
    private static void SkipDataProtectionKeyRing(IServiceCollection services)
    {
        for (int i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService)
                && services[i].ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService")
            {
                services.RemoveAt(i);
            }
        }
    }

    private static void LogDnsTcpEndpoints(WebApplication app, ServerSettings settings)
    {
        ILogger logger = app.Services.GetRequiredService<ILogger<DnsConnectionHandler>>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (IPEndPoint ep in settings.DnsEndpoints)
            {
                Listeners.Tcp.Log.Listening(logger, ep);
            }

            Listeners.Dot.DotListener.LogEndpoints(logger, settings);
        });
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, ServerSettings settings)
    {
        builder.WebHost.UseSockets(o =>
        {
            // STYLE rule 12: a whole 65,537-byte frame always fits twice; replies buffer 64 KiB.
            o.MaxReadBufferSize = 2 * 65537;
            o.MaxWriteBufferSize = 64 * 1024;
            o.CreateBoundListenSocket = ep => BindListenSocket(ep, settings);
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            foreach (IPEndPoint ep in settings.DnsEndpoints)
            {
                k.Listen(ep, lo => lo.UseConnectionHandler<DnsConnectionHandler>());
            }

            Listeners.Dot.DotListener.Configure(k, settings);
            foreach (IPEndPoint ep in settings.HttpEndpoints)
            {
                k.Listen(ep);
            }

            Listeners.Doh.DohKestrel.Configure(k, settings.Doh);
        });
    }

    /// <summary>
    /// Like Kestrel's default, but [::] stays IPv6-only so 0.0.0.0 can be bound beside it. A
    /// configured send buffer is set on the listener: accepted connections inherit it.
    /// </summary>
    private static Socket BindListenSocket(EndPoint endpoint, ServerSettings settings)
    {
        if (endpoint is not IPEndPoint ip)
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.NoDelay = true;
            if (settings.TcpSendBufferBytes > 0 && (settings.DnsEndpoints.Contains(ip) || settings.Tls.DotEndpoints.Contains(ip)))
            {
                socket.SendBufferSize = settings.TcpSendBufferBytes;
            }

            socket.Bind(ip);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Hosts without IPv6 keep serving IPv4 rather than failing on the default [::]:53.</summary>
    private static ServerSettings DropUnsupportedFamilies(ServerSettings settings)
    {
        if (Socket.OSSupportsIPv6)
        {
            return settings;
        }

        return new ServerSettings
        {
            Domain = settings.Domain,
            DnsEndpoints = settings.DnsEndpoints.Where(e => e.AddressFamily == AddressFamily.InterNetwork).ToList(),
            HttpEndpoints = settings.HttpEndpoints.Where(e => e.AddressFamily == AddressFamily.InterNetwork).ToList(),
            ZoneDirectory = settings.ZoneDirectory,
            PathBase = settings.PathBase,
            Zones = settings.Zones,
            Views = settings.Views,
            MaxUdpPayload = settings.MaxUdpPayload,
            UdpReceiveLoops = settings.UdpReceiveLoops,
            UdpBatchSize = settings.UdpBatchSize,
            TcpIdleTimeout = settings.TcpIdleTimeout,
            TcpMaxConnections = settings.TcpMaxConnections,
            TcpSendBufferBytes = settings.TcpSendBufferBytes,
            Chaos = settings.Chaos,
            Limits = settings.Limits,
            ShutdownTimeout = settings.ShutdownTimeout,
            WatchZoneFiles = settings.WatchZoneFiles,
            Forwarders = settings.Forwarders,
            RecursionAcl = settings.RecursionAcl,
            ClientAddress = settings.ClientAddress,
            RateLimit = settings.RateLimit,
            Cookies = settings.Cookies,
            Blocking = settings.Blocking,
            Tls = new TlsSettings
            {
                Certificates = settings.Tls.Certificates,
                ReloadCheckInterval = settings.Tls.ReloadCheckInterval,
                DotEndpoints = settings.Tls.DotEndpoints.Where(e => e.AddressFamily == AddressFamily.InterNetwork).ToList(),
            },
            Doh = settings.Doh,
        };
    }
}
