using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// GET /api/v1/querylog on the HTTP port, mapped when SplitDns:QueryLog:Enabled and
/// SplitDns:QueryLog:Api are both true, behind the API's token authentication (any role may
/// search). Bad parameters get 400 with
/// RFC 9457 problem details naming the parameter; a store that fails gets 503.
/// </summary>
public static class QueryLogEndpoint
{
    public const string Route = "/api/v1/querylog";

    public static void Map(WebApplication app, Microsoft.AspNetCore.Routing.RouteGroupBuilder api)
    {
        QueryLogSettings settings = app.Services.GetRequiredService<QueryLogSettings>();
        if (!settings.Enabled || !settings.Api)
        {
            return;
        }

        IQueryLogStore store = app.Services.GetRequiredService<IQueryLogStore>();
        api.MapGet("/querylog", (HttpContext http) => SearchAsync(http, store))
            .WithName("SearchQueryLog").WithSummary("Searches the query log, newest first.");
    }

    private static async Task SearchAsync(HttpContext http, IQueryLogStore store)
    {
        if (!QueryLogQuery.TryParse(http.Request.Query, out QueryLogSearch search, out string parameter, out string reason))
        {
            await Api.ApiProblem.WriteAsync(http, StatusCodes.Status400BadRequest, $"{parameter}: {reason}", parameter).ConfigureAwait(false);
            return;
        }

        QueryLogPage page;
        try
        {
            page = await store.SearchAsync(search, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Api.ApiProblem.WriteAsync(http, StatusCodes.Status503ServiceUnavailable,
                $"the query log store {store.Description} cannot be read: {ex.Message}", null).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("entries");
        foreach (QueryLogRow row in page.Rows)
        {
            WriteRow(json, row);
        }

        json.WriteEndArray();
        if (page.NextCursor is { } next)
        {
            json.WriteString("next_cursor", next.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("next_cursor");
        }

        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteRow(Utf8JsonWriter json, QueryLogRow row)
    {
        json.WriteStartObject();
        json.WriteNumber("id", row.Id);
        json.WriteString("time", row.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("client", row.Client.ToString());
        json.WriteNumber("client_port", row.ClientPort);
        json.WriteString("transport", row.Transport);
        json.WriteString("view", row.View);
        json.WriteString("name", row.Name);
        json.WriteString("type", RecordTypeNames.ToText((RecordType)row.QType));
        json.WriteString("class", RecordTypeNames.ClassToText((DnsClass)row.QClass));
        string rcode = MetricLabels.Rcode((Protocol.Wire.DnsRcode)row.Rcode);
        json.WriteString("rcode", rcode == "other" ? row.Rcode.ToString(CultureInfo.InvariantCulture) : rcode);
        json.WriteString("source", row.Source);
        WriteNullable(json, "blocked_list", row.BlockedList);
        WriteNullable(json, "upstream", row.Upstream);
        json.WriteNumber("response_size", row.ResponseSize);
        json.WriteNumber("duration_us", row.DurationMicroseconds);
        if (row.ExtendedError is { } ede)
        {
            json.WriteNumber("ede", ede);
        }
        else
        {
            json.WriteNull("ede");
        }

        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
