using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Server.Api.Operations;

namespace SplitDns.Server.Api.Explain;

/// <summary>
/// GET /api/v1/explain?name=&amp;type=A&amp;client=&amp;listener=: the view, the routing, each step's
/// decision and the answer a real query for that question from that client gets (any role).
/// </summary>
public static class ExplainEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/explain", (HttpContext http, QueryExplainer explainer) => ExplainAsync(http, explainer))
            .WithName("Explain")
            .WithSummary("Explains the answer a query gets: view chosen and why, routing, each chain step's decision, the final answer.");

    private static async Task<IResult> ExplainAsync(HttpContext http, QueryExplainer explainer)
    {
        IQueryCollection q = http.Request.Query;
        string nameText = q["name"].ToString().Trim();
        if (nameText.Length == 0)
        {
            return ApiProblem.BadRequest("name", "required: the domain name to explain");
        }

        if (!DnsName.TryParse(nameText.EndsWith('.') ? nameText : nameText + ".", null, out DnsName name, out string? error))
        {
            return ApiProblem.BadRequest("name", $"'{nameText}' is not a domain name: {error}");
        }

        string typeText = q["type"].ToString().Trim();
        RecordType type = RecordType.A;
        if (typeText.Length > 0 && !RecordTypeNames.TryParse(typeText, out type))
        {
            return ApiProblem.BadRequest("type", $"'{typeText}' is not a record type");
        }

        if (type is RecordType.AXFR or RecordType.IXFR or RecordType.OPT or RecordType.TSIG or RecordType.TKEY
            or RecordType.MAILA or RecordType.MAILB)
        {
            return ApiProblem.BadRequest("type", $"{RecordTypeNames.ToText(type)} is not answered by the resolver chain");
        }

        IPAddress? client = http.Connection.RemoteIpAddress;
        string clientText = q["client"].ToString().Trim();
        if (clientText.Length > 0 && !IPAddress.TryParse(clientText, out client))
        {
            return ApiProblem.BadRequest("client", $"'{clientText}' is not an IP address");
        }

        if (client is null)
        {
            return ApiProblem.BadRequest("client", "required: the client address to explain for");
        }

        int listener = -1;
        string listenerText = q["listener"].ToString().Trim();
        if (listenerText.Length > 0)
        {
            if (!IPEndPoint.TryParse(listenerText, out IPEndPoint? endpoint) || endpoint.Port == 0)
            {
                return ApiProblem.BadRequest("listener", $"'{listenerText}' is not an address:port");
            }

            listener = explainer.ListenerIndexOf(endpoint);
            if (listener < 0)
            {
                return ApiProblem.BadRequest("listener", $"{endpoint} is not a configured DNS listener (SplitDns:Listen:Dns)");
            }
        }

        ExplainResult result = await explainer.ExplainAsync(name, type, client, listener).ConfigureAwait(false);
        return Results.Json(result, ApiJson.Options.Info<ExplainResult>());
    }
}
