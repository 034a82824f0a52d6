using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Api.Config;

// Request validation: every bad field is a 400 naming it.
public sealed partial class ZoneAdmin
{
    private ZoneDefinition Validate(ZoneCreateRequest request, string actor)
    {
        DnsName origin = ParseName(request.Name, "name");
        string view = ParseView(request.View);
        string type = string.IsNullOrWhiteSpace(request.Type) ? "primary" : request.Type.Trim().ToLowerInvariant();
        if (type is not ("primary" or "forwarder"))
        {
            throw ConfigRequestException.BadRequest("type", $"'{request.Type}' is not primary or forwarder");
        }

        if (type == "forwarder")
        {
            if (request.UpdateKeys is { Count: > 0 })
            {
                throw ConfigRequestException.BadRequest("update_keys", "only primary zones take update keys");
            }

            string protocol = ForwarderAddresses.ParseProtocol(request.Protocol);
            var servers = ForwarderAddresses.Parse(request.Forwarders, protocol, "forwarders");
            if (servers.Count == 0)
            {
                throw ConfigRequestException.BadRequest("forwarders", "a forwarder zone needs at least one server (address[:port])");
            }

            return new ZoneDefinition
            {
                Name = origin.ToString(), View = view, Type = type, Protocol = protocol,
                Forwarders = [.. request.Forwarders!.Select(f => f.Trim())], Created = DateTimeOffset.UtcNow, Actor = actor,
            };
        }

        if (request.Forwarders is { Count: > 0 })
        {
            throw ConfigRequestException.BadRequest("forwarders", "only forwarder zones take forwarders");
        }

        var keys = new List<string>();
        foreach (string key in request.UpdateKeys ?? [])
        {
            if (!DnsName.TryParse((key ?? "").Trim(), DnsName.Root, out DnsName name, out _) || !_dynamic.Keys.TryFind(name, out TsigKey? _))
            {
                throw ConfigRequestException.BadRequest("update_keys",
                    $"TSIG key '{key}' does not exist (create it with POST /api/v1/tsig-keys or in SplitDns:Tsig:Keys)");
            }

            keys.Add(UpdateGrant.NormalizeKey(key!));
        }

        return new ZoneDefinition
        {
            Name = origin.ToString(), View = view, Type = type, UpdateKeys = keys.Count > 0 ? keys : null,
            Created = DateTimeOffset.UtcNow, Actor = actor,
        };
    }

    private static DnsName ParseName(string? text, string parameter)
    {
        string t = (text ?? "").Trim();
        if (t.Length == 0 || t == ".")
        {
            throw ConfigRequestException.BadRequest(parameter, "a zone name is required (the root zone cannot be created)");
        }

        if (!DnsName.TryParse(t, DnsName.Root, out DnsName name, out string? error))
        {
            throw ConfigRequestException.BadRequest(parameter, $"'{text}' is not a domain name ({error})");
        }

        return name;
    }

    private string ParseView(string? view)
    {
        string v = (view ?? "").Trim().ToLowerInvariant();
        if (v.Length > 0 && _views.Find(v) is null)
        {
            throw ConfigRequestException.BadRequest("view",
                $"no view '{view}' (views: {string.Join(", ", _views.Views.Select(x => x.Name))}; \"\" is the shared instance)");
        }

        return v;
    }
}
