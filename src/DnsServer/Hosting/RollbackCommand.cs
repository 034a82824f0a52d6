using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SplitDns.Server.Api;

namespace SplitDns.Server.Hosting;

/// <summary>
/// <c>splitdns rollback --url URL (--token T | --token-file F) --zone Z (--serial N | --time T) [--view V]</c>:
/// asks the running server's API (POST /api/v1/zones/{zone}/rollback) to restore the zone as it
/// was at that serial or time, as one new journaled change. Exit 0 printing the new serial; 1
/// with the problem's detail when the server refuses; 2 for bad arguments.
/// </summary>
public static class RollbackCommand
{
    public const int ExitDone = 0;
    public const int ExitRefused = 1;
    public const int ExitUsage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--url" or "--token" or "--token-file" or "--zone" or "--serial" or "--time" or "--view") || i + 1 >= args.Length)
            {
                return Usage(stderr, $"unexpected argument '{args[i]}'");
            }

            options[args[i]] = args[++i];
        }

        if (!options.TryGetValue("--url", out string? url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? baseUri))
        {
            return Usage(stderr, "--url http://host:port is required");
        }

        if (!options.TryGetValue("--zone", out string? zone))
        {
            return Usage(stderr, "--zone is required");
        }

        string? token = options.GetValueOrDefault("--token");
        if (options.TryGetValue("--token-file", out string? file))
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Usage(stderr, $"--token-file: cannot read '{file}': {ex.Message}");
            }
        }

        if (string.IsNullOrEmpty(token))
        {
            return Usage(stderr, "--token or --token-file is required");
        }

        string? body = Body(options, out string? error);
        if (body is null)
        {
            return Usage(stderr, error!);
        }

        string path = $"api/v1/zones/{Uri.EscapeDataString(zone)}/rollback"
            + (options.TryGetValue("--view", out string? view) ? "?view=" + Uri.EscapeDataString(view) : "");
        return Post(new Uri(baseUri, path), token, body, stdout, stderr);
    }

    private static string? Body(Dictionary<string, string> options, out string? error)
    {
        error = null;
        bool hasSerial = options.TryGetValue("--serial", out string? serial);
        bool hasTime = options.TryGetValue("--time", out string? time);
        if (hasSerial == hasTime)
        {
            error = "give exactly one of --serial N and --time T";
            return null;
        }

        if (hasSerial)
        {
            if (!uint.TryParse(serial, NumberStyles.None, CultureInfo.InvariantCulture, out uint n))
            {
                error = $"--serial: '{serial}' is not a serial (0..4294967295)";
                return null;
            }

            return JsonSerializer.Serialize(new SerialBody(n), DefaultJson.Options.Info<SerialBody>());
        }

        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
        {
            error = $"--time: '{time}' is not a time (e.g. 2026-12-07T08:00:00Z)";
            return null;
        }

        return JsonSerializer.Serialize(new TimeBody(t), DefaultJson.Options.Info<TimeBody>());
    }

    private static int Post(Uri uri, string token, string body, TextWriter stdout, TextWriter stderr)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using HttpResponseMessage response = client.Send(request);
            string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            using JsonDocument json = JsonDocument.Parse(text.Length > 0 ? text : "{}");
            if (response.IsSuccessStatusCode && json.RootElement.TryGetProperty("to_serial", out JsonElement to))
            {
                stdout.WriteLine(to.GetUInt32().ToString(CultureInfo.InvariantCulture));
                return ExitDone;
            }

            string detail = json.RootElement.TryGetProperty("detail", out JsonElement d) ? d.GetString() ?? text : text;
            stderr.WriteLine($"splitdns rollback: {(int)response.StatusCode}: {detail}");
            return ExitRefused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException or JsonException)
        {
            stderr.WriteLine($"splitdns rollback: {uri}: {ex.Message}");
            return ExitRefused;
        }
    }

    private static int Usage(TextWriter stderr, string error)
    {
        stderr.WriteLine("splitdns rollback: " + error);
        stderr.WriteLine("usage: splitdns rollback --url URL (--token T | --token-file FILE) --zone ZONE (--serial N | --time T) [--view V]");
        return ExitUsage;
    }

    internal sealed record SerialBody([property: JsonPropertyName("serial")] uint Serial);

    internal sealed record TimeBody([property: JsonPropertyName("time")] DateTimeOffset Time);
}
