using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SplitDns.Server.Api.Auth;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// One Technitium API call's parameters: the query string and, for a POST, the form fields (same
/// names; the form wins) or a JSON object body (settings/set). Unknown parameters are ignored, as
/// Technitium ignores them. The token is <c>Authorization: Bearer</c>, else the <c>token</c> parameter.
/// </summary>
public sealed class TechnitiumRequest
{
    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private TechnitiumRequest(HttpContext http, IFormCollection? form, JsonElement? json)
    {
        Http = http;
        _query = http.Request.Query;
        _form = form;
        Json = json;
    }

    public HttpContext Http { get; }

    /// <summary>A POSTed JSON object body, when there was one.</summary>
    public JsonElement? Json { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public static async Task<TechnitiumRequest> ReadAsync(HttpContext http)
    {
        IFormCollection? form = null;
        JsonElement? json = null;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (http.Request.HasFormContentType)
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            }
            else if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                try
                {
                    using JsonDocument doc = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted).ConfigureAwait(false);
                    json = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new TechnitiumException("The request body is not valid JSON: " + ex.Message);
                }
            }
        }

        return new TechnitiumRequest(http, form, json);
    }

    /// <summary>The token the call carries, or null.</summary>
    public string? Token =>
        TokenAuthenticationHandler.FindToken(Http.Request) is { } t ? t : NullIfEmpty(Get("token"));

    /// <summary>The parameter's value (form first, then query), or null when absent.</summary>
    public string? Get(string name)
    {
        if (_form is not null && _form.TryGetValue(name, out StringValues f) && f.Count > 0)
        {
            return f[0];
        }

        return _query.TryGetValue(name, out StringValues q) && q.Count > 0 ? q[0] : null;
    }

    /// <summary>The first present of <paramref name="name"/> and its legacy <paramref name="alt"/>.</summary>
    public string? GetAlt(string name, string alt) => Get(name) ?? Get(alt);

    public string Required(string name) =>
        NullIfEmpty(Get(name)) ?? throw new TechnitiumException($"Parameter '{name}' missing.");

    public string RequiredAlt(string name, string alt) =>
        NullIfEmpty(GetAlt(name, alt)) ?? throw new TechnitiumException($"Parameter '{name}' missing.");

    /// <summary>A true/false parameter (case-insensitive), <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string name, bool fallback)
    {
        string? v = NullIfEmpty(Get(name));
        if (v is null)
        {
            return fallback;
        }

        return bool.TryParse(v, out bool b) ? b : throw new TechnitiumException($"Parameter '{name}' must be true or false.");
    }

    /// <summary>An integer parameter in [min, max], null when absent.</summary>
    public int? Int(string name, int min, int max)
    {
        string? v = NullIfEmpty(Get(name));
        if (v is null)
        {
            return null;
        }

        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new TechnitiumException($"Parameter '{name}' must be an integer from {min} to {max}.");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
