using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SplitDns.Server.Api;

namespace SplitDns.Server.Hosting;

/// <summary>
/// <c>splitdns guard list|approve|revoke --url URL (--token T | --token-file F) [--zone Z --key K [--view V] [--minutes N]]</c>:
/// the mass-deletion guard through the running server's API. <c>list</c> prints the held
/// deletions (GET /api/v1/guard/held), one per line; <c>approve</c> lets the key's deletions in
/// the zone through (POST /api/v1/guard/approve) and prints when the approval expires;
/// <c>revoke</c> withdraws it (DELETE /api/v1/guard/approvals). Exit 0 done; 1 when the server
/// refuses or cannot be reached; 2 for bad arguments.
/// </summary>
public static class GuardCommand
{
    public const int ExitDone = 0;
    public const int ExitRefused = 1;
    public const int ExitUsage = 2;

    private static readonly string[] s_options = ["--url", "--token", "--token-file", "--zone", "--key", "--view", "--minutes"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is not ("list" or "approve" or "revoke"))
        {
            return Usage(stderr, "give list, approve or revoke");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i++)
        {
            if (Array.IndexOf(s_options, args[i]) < 0 || i + 1 >= args.Length)
            {
                return Usage(stderr, $"unexpected argument '{args[i]}'");
            }

            options[args[i]] = args[++i];
        }

        if (!options.TryGetValue("--url", out string? url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? baseUri))
        {
            return Usage(stderr, "--url http://host:port is required");
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

        if (args[0] == "list")
        {
            return Send(HttpMethod.Get, new Uri(baseUri, "api/v1/guard/held"), token, null, stdout, stderr, PrintHeld);
        }

        if (!options.TryGetValue("--zone", out string? zone) || !options.TryGetValue("--key", out string? key))
        {
            return Usage(stderr, $"{args[0]} needs --zone and --key");
        }

        string? view = options.GetValueOrDefault("--view");
        if (args[0] == "revoke")
        {
            string query = $"api/v1/guard/approvals?zone={Uri.EscapeDataString(zone)}&key={Uri.EscapeDataString(key)}"
                + (view is null ? "" : "&view=" + Uri.EscapeDataString(view));
            return Send(HttpMethod.Delete, new Uri(baseUri, query), token, null, stdout, stderr, (_, o) => o.WriteLine("revoked"));
        }

        int? minutes = null;
        if (options.TryGetValue("--minutes", out string? text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m < 1 || m > 7 * 24 * 60)
            {
                return Usage(stderr, $"--minutes: '{text}' is not a whole number of minutes (1..10080)");
            }

            minutes = m;
        }

        string body = JsonSerializer.Serialize(new ApproveBody(zone, key, view, minutes), DefaultJson.Options.Info<ApproveBody>());
        return Send(HttpMethod.Post, new Uri(baseUri, "api/v1/guard/approve"), token, body, stdout, stderr,
            (json, o) => o.WriteLine($"approved until {json.GetProperty("expires").GetString()}"));
    }

    private static void PrintHeld(JsonElement json, TextWriter stdout)
    {
        foreach (JsonElement h in json.GetProperty("held").EnumerateArray())
        {
            string view = h.GetProperty("view").GetString() is { Length: > 0 } v ? $" view {v}" : "";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{h.GetProperty("zone").GetString()}{view} key {h.GetProperty("key").GetString()}: would delete {h.GetProperty("deleting").GetInt32()} of {h.GetProperty("owned").GetInt32()} records, held {h.GetProperty("attempts").GetInt32()} times since {h.GetProperty("first_held").GetString()} (last {h.GetProperty("last_held").GetString()})"));
        }
    }

    private static int Send(HttpMethod method, Uri uri, string token, string? body, TextWriter stdout, TextWriter stderr,
        Action<JsonElement, TextWriter> print)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using HttpResponseMessage response = client.Send(request);
            string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            using JsonDocument json = JsonDocument.Parse(text.Length > 0 ? text : "{}");
            if (response.IsSuccessStatusCode)
            {
                print(json.RootElement, stdout);
                return ExitDone;
            }

            string detail = json.RootElement.TryGetProperty("detail", out JsonElement d) ? d.GetString() ?? text : text;
            stderr.WriteLine($"splitdns guard: {(int)response.StatusCode}: {detail}");
            return ExitRefused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException or JsonException
            or KeyNotFoundException or InvalidOperationException)
        {
            stderr.WriteLine($"splitdns guard: {uri}: {ex.Message}");
            return ExitRefused;
        }
    }

    private static int Usage(TextWriter stderr, string error)
    {
        stderr.WriteLine("splitdns guard: " + error);
        stderr.WriteLine("usage: splitdns guard list --url URL (--token T | --token-file FILE)");
        stderr.WriteLine("       splitdns guard approve --url URL (--token T | --token-file FILE) --zone ZONE --key KEY [--view V] [--minutes N]");
        stderr.WriteLine("       splitdns guard revoke --url URL (--token T | --token-file FILE) --zone ZONE --key KEY [--view V]");
        return ExitUsage;
    }

    internal sealed record ApproveBody(
        [property: JsonPropertyName("zone")] string Zone,
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("view")] string? View,
        [property: JsonPropertyName("minutes")] int? Minutes);
}
