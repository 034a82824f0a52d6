using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SplitDns.Server.Api.Auth;

/// <summary>Reads a small JSON object body field by field, so each bad field is a 400 naming it.</summary>
internal static class JsonBody
{
    /// <summary>The body as a JSON object, or a 400 problem.</summary>
    public static async Task<(JsonElement Body, IResult? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, ApiProblem.BadRequest("body", "must be a JSON object"));
            }

            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, ApiProblem.BadRequest("body", "not valid JSON: " + ex.Message));
        }
    }

    /// <summary>A string field: null when absent or null; a 400 when it is another type.</summary>
    public static string? String(JsonElement body, string name, out IResult? error)
    {
        error = null;
        if (!body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            error = ApiProblem.BadRequest(name, "must be a string");
            return null;
        }

        return v.GetString();
    }

    /// <summary>An integer field in [min, max]: null when absent or null; a 400 otherwise when invalid.</summary>
    public static int? Int(JsonElement body, string name, int min, int max, out IResult? error)
    {
        error = null;
        if (!body.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n) || n < min || n > max)
        {
            error = ApiProblem.BadRequest(name, $"must be an integer from {min} to {max}");
            return null;
        }

        return n;
    }
}
