using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SplitDns.Server.Api;

/// <summary>
/// RFC 9457 problem details for every /api/v1 error: <c>type</c> about:blank, the status's
/// title, the reason in <c>detail</c>, and for bad input the culprit in the extension member
/// <c>parameter</c>.
/// </summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    /// <summary>400 naming the parameter and why it is wrong.</summary>
    public static IResult BadRequest(string parameter, string reason) =>
        Create(StatusCodes.Status400BadRequest, $"{parameter}: {reason}", parameter);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, detail);

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, detail);

    /// <summary>503: the store (or another dependency) cannot be reached; nothing was changed.</summary>
    public static IResult Unavailable(string detail) => Create(StatusCodes.Status503ServiceUnavailable, detail);

    public static IResult Create(int status, string detail, string? parameter = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (parameter is not null)
        {
            extensions["parameter"] = parameter;
        }

        return Results.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status),
            type: "about:blank", extensions: extensions);
    }

    /// <summary>Writes a problem straight to the response (from middleware and handlers that have no IResult).</summary>
    public static async Task WriteAsync(HttpContext http, int status, string detail, string? parameter = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("type", "about:blank");
        json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
        json.WriteNumber("status", status);
        json.WriteString("detail", detail);
        if (parameter is not null)
        {
            json.WriteString("parameter", parameter);
        }

        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
