using System.Net;
using System.Net.Sockets;

namespace SplitDns.Server.Hosting;

/// <summary>
/// <c>splitdns healthcheck [--url URL] [--timeout SECONDS] [--config FILE] [--Key=Value ...]</c>:
/// GETs the running server's /healthz and exits 0 on a 2xx answer, 1 otherwise. It is the
/// container HEALTHCHECK: a chiseled image has no shell or curl, so the binary checks itself.
/// Without --url the address comes from the same configuration layers as the server
/// (<c>SplitDns:Listen:Http</c>, first endpoint), a wildcard address asked on loopback.
/// </summary>
public static class HealthCheckCommand
{
    public const int ExitHealthy = 0;
    public const int ExitUnhealthy = 1;
    private const int DefaultTimeoutSeconds = 5;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var errors = new List<string>();
        Uri? url = ReadUrl(args, out List<string> rest, errors);
        int timeoutSeconds = ReadTimeout(rest, out rest, errors);
        url ??= UrlFromConfiguration(rest.ToArray(), errors);
        if (url is null || errors.Count > 0)
        {
            foreach (string error in errors)
            {
                stderr.WriteLine("splitdns healthcheck: " + error);
            }

            return ExitUnhealthy;
        }

        return Probe(url, TimeSpan.FromSeconds(timeoutSeconds), stdout, stderr);
    }

    private static int Probe(Uri url, TimeSpan timeout, TextWriter stdout, TextWriter stderr)
    {
        // No proxy: the server is on this host (HTTP_PROXY in a container must not send the probe away).
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = timeout };
        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using HttpResponseMessage response = client.GetAsync(url).GetAwaiter().GetResult();
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                stdout.WriteLine($"splitdns healthcheck: {url} {status}");
                return ExitHealthy;
            }

            stderr.WriteLine($"splitdns healthcheck: {url} answered {status}");
            return ExitUnhealthy;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
        {
            stderr.WriteLine($"splitdns healthcheck: {url}: {ex.Message}");
            return ExitUnhealthy;
        }
    }

    /// <summary>The first <c>SplitDns:Listen:Http</c> endpoint's /healthz; 0.0.0.0 and [::] are asked on loopback.</summary>
    private static Uri? UrlFromConfiguration(string[] args, List<string> errors)
    {
        var configuration = ServerConfiguration.Build(args, includeDefaults: true, errors);
        List<IPEndPoint> endpoints = ServerSettingsReader.ReadEndpoints(configuration.GetSection("SplitDns:Listen:Http"),
            ServerSettingsReader.DefaultHttpEndpoints, errors);
        if (errors.Count > 0 || endpoints.Count == 0)
        {
            return null;
        }

        IPEndPoint ep = endpoints[0];
        IPAddress address = ep.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : ep.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : ep.Address;
        return new Uri($"http://{new IPEndPoint(address, ep.Port)}/healthz");
    }

    private static Uri? ReadUrl(string[] args, out List<string> rest, List<string> errors)
    {
        string? text = TakeOption(args, "--url", out rest);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"--url: '{text}' is not an http:// or https:// URL");
            return null;
        }

        return url;
    }

    private static int ReadTimeout(List<string> args, out List<string> rest, List<string> errors)
    {
        string? text = TakeOption(args.ToArray(), "--timeout", out rest);
        if (text is null)
        {
            return DefaultTimeoutSeconds;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            || seconds is < 1 or > 300)
        {
            errors.Add($"--timeout: '{text}' is not a number of seconds in 1..300");
            return DefaultTimeoutSeconds;
        }

        return seconds;
    }

    /// <summary>Removes "--name VALUE" / "--name=VALUE" from the arguments and returns the value.</summary>
    private static string? TakeOption(string[] args, string name, out List<string> rest)
    {
        string? value = null;
        rest = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                value = args[++i];
            }
            else if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                value = args[i][(name.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return value;
    }
}
