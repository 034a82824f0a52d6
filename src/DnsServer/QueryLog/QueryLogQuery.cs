using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SplitDns.Protocol.Records;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// Reads a <see cref="QueryLogSearch"/> from GET /api/v1/querylog's query string:
/// <c>client</c> (address or CIDR), <c>name</c> (exact; <c>*.example.com</c>: the name and all
/// below), <c>type</c>, <c>rcode</c> (mnemonic or number), <c>view</c>, <c>blocked</c>
/// (true/false), <c>from</c>/<c>to</c> (ISO 8601; no offset means UTC), <c>limit</c> (1..1000,
/// default 100), <c>cursor</c> (the previous page's <c>next_cursor</c>). A bad or unknown
/// parameter is reported with its name and the reason.
/// </summary>
public static class QueryLogQuery
{
    private static readonly string[] s_known = ["client", "name", "type", "rcode", "view", "blocked", "from", "to", "limit", "cursor"];
    private static readonly string[] s_rcodes = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

    public static bool TryParse(IQueryCollection query, out QueryLogSearch search, out string parameter, out string reason)
    {
        search = new QueryLogSearch();
        parameter = "";
        reason = "";
        foreach (KeyValuePair<string, StringValues> pair in query)
        {
            if (Array.IndexOf(s_known, pair.Key) < 0)
            {
                (parameter, reason) = (pair.Key, $"unknown parameter (known: {string.Join(", ", s_known)})");
                return false;
            }

            if (pair.Value.Count != 1 || string.IsNullOrWhiteSpace(pair.Value[0]))
            {
                (parameter, reason) = (pair.Key, "give it once, with a value");
                return false;
            }

            string? error = Apply(ref search, pair.Key, pair.Value[0]!.Trim());
            if (error is not null)
            {
                (parameter, reason) = (pair.Key, error);
                return false;
            }
        }

        if (search.From is { } from && search.To is { } to && from >= to)
        {
            (parameter, reason) = ("to", "must be later than from");
            return false;
        }

        return true;
    }

    private static string? Apply(ref QueryLogSearch search, string key, string value)
    {
        switch (key)
        {
            case "client":
                if (IPNetwork.TryParse(value, out IPNetwork network))
                {
                    search = search with { Client = network };
                    return null;
                }

                if (IPAddress.TryParse(value, out IPAddress? address))
                {
                    search = search with { Client = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) };
                    return null;
                }

                return $"'{value}' is not an address or a prefix (192.168.1.20, 192.168.1.0/24, fd00::/8)";
            case "name":
                bool below = value.StartsWith("*.", StringComparison.Ordinal);
                string name = below ? value[2..] : value;
                if (!Protocol.Names.DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out _, out string? nameError))
                {
                    return $"'{value}' is not a domain name: {nameError}";
                }

                search = search with { Name = name, NameAndBelow = below };
                return null;
            case "type":
                if (ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
                {
                    search = search with { QType = number };
                    return null;
                }

                if (RecordTypeNames.TryParse(value, out RecordType type))
                {
                    search = search with { QType = (int)type };
                    return null;
                }

                return $"'{value}' is not a record type (A, AAAA, HTTPS, ... or a number)";
            case "rcode":
                int rcode = Array.IndexOf(s_rcodes, value.ToUpperInvariant());
                if (rcode < 0 && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rcode) && rcode <= 4095))
                {
                    return $"'{value}' is not an rcode ({string.Join(", ", s_rcodes)} or a number up to 4095)";
                }

                search = search with { Rcode = rcode };
                return null;
            case "view":
                search = search with { View = value };
                return null;
            case "blocked":
                if (!bool.TryParse(value, out bool blocked))
                {
                    return $"'{value}' is not true or false";
                }

                search = search with { Blocked = blocked };
                return null;
            case "from" or "to":
                if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
                {
                    return $"'{value}' is not an ISO 8601 time (2026-12-07T05:00:00Z)";
                }

                search = key == "from" ? search with { From = time.UtcDateTime } : search with { To = time.UtcDateTime };
                return null;
            case "limit":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) || limit < 1 || limit > QueryLogSearch.MaxLimit)
                {
                    return $"'{value}' is not an integer in 1..{QueryLogSearch.MaxLimit}";
                }

                search = search with { Limit = limit };
                return null;
            default:
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long cursor) || cursor < 1)
                {
                    return $"'{value}' is not a cursor (the next_cursor of the previous page)";
                }

                search = search with { Cursor = cursor };
                return null;
        }
    }
}
