using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// Technitium's response envelope: always HTTP 200, JSON, not cached;
/// <c>{"response":{…},"server":…,"status":"ok"}</c>, or the call's fields at top level for the
/// login calls, or <c>{"server":…,"status":"error","errorMessage":…}</c>.
/// </summary>
public static class TechnitiumEnvelope
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = ServerJsonContext.Default,
    };

    /// <summary>Writes <paramref name="response"/> inside "response" (or at top level when <paramref name="topLevel"/>).</summary>
    public static Task WriteOkAsync(HttpContext http, string server, object? response, bool topLevel) =>
        WriteAsync(http, json =>
        {
            JsonElement body = JsonSerializer.SerializeToElement(response ?? new TechnitiumJson.Empty(), s_json.Info<object>());
            if (topLevel)
            {
                foreach (JsonProperty p in body.EnumerateObject())
                {
                    p.WriteTo(json);
                }
            }
            else
            {
                json.WritePropertyName("response");
                body.WriteTo(json);
            }

            json.WriteString("server", server);
            json.WriteString("status", "ok");
        });

    public static Task WriteErrorAsync(HttpContext http, string server, string status, string message) =>
        WriteAsync(http, json =>
        {
            json.WriteString("server", server);
            json.WriteString("status", status);
            json.WriteString("errorMessage", message);
        });

    private static async Task WriteAsync(HttpContext http, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers.Expires = "0";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
