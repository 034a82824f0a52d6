using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SplitDns.Server.Api.Config;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// settings/get|set (forwarders, forwarderProtocol, tsigKeys) and settings/getTsigKeyNames over
/// <see cref="ForwarderAdmin"/> and <see cref="TsigKeyAdmin"/>. Other settings are ignored by set
/// and absent from get.
/// </summary>
internal static class TechnitiumSettingsCalls
{
    public static Task<object?> GetAsync(TechnitiumCall call) => Task.FromResult<object?>(Settings(call));

    public static Task<object?> TsigKeyNamesAsync(TechnitiumCall call) =>
        Task.FromResult<object?>(new TechnitiumJson.TsigKeyNameList([.. call.Services.GetRequiredService<TsigKeyAdmin>().List().Select(k => k.Name.TrimEnd('.'))]));

    /// <summary>Each given parameter overwrites its value (form, query or a JSON body in the get shape); returns get.</summary>
    public static async Task<object?> SetAsync(TechnitiumCall call)
    {
        JsonElement? json = call.Request.Json;
        string? protocolText = call.Request.Get("forwarderProtocol") ?? JsonString(json, "forwarderProtocol");
        List<string>? forwarders = null;
        string protocol = TechnitiumForwarders.Protocol(protocolText, "forwarderProtocol");
        if (call.Request.Get("forwarders") is { } list)
        {
            forwarders = TechnitiumForwarders.List(list, protocol);
        }
        else if (json is { } j && j.TryGetProperty("forwarders", out JsonElement f))
        {
            forwarders = f.ValueKind switch
            {
                JsonValueKind.Array => [.. f.EnumerateArray().Select(e => TechnitiumForwarders.Address(e.GetString() ?? "", protocol))],
                JsonValueKind.Null or JsonValueKind.False => [],
                JsonValueKind.String => TechnitiumForwarders.List(f.GetString()!, protocol),
                _ => throw new TechnitiumException("Parameter 'forwarders' must be a list."),
            };
        }

        ForwarderAdmin admin = call.Services.GetRequiredService<ForwarderAdmin>();
        if (forwarders is not null || protocolText is not null)
        {
            IReadOnlyList<string> upstreams = forwarders ?? admin.Get().Upstreams ?? [];
            await admin.ReplaceAsync(new ForwarderList { Upstreams = upstreams, Protocol = protocol }, call.Actor, call.Aborted).ConfigureAwait(false);
        }

        await TechnitiumTsigKeys.SetAsync(call).ConfigureAwait(false);
        return Settings(call);
    }

    private static Dictionary<string, object?> Settings(TechnitiumCall call)
    {
        ForwarderList forwarders = call.Services.GetRequiredService<ForwarderAdmin>().Get();
        ServerSettings server = call.Services.GetRequiredService<IOptions<ServerSettings>>().Value;
        return new Dictionary<string, object?>
        {
            ["version"] = TechnitiumUserCalls.Version,
            ["dnsServerDomain"] = server.Domain.ToString().TrimEnd('.'),
            ["defaultRecordTtl"] = 3600,
            ["defaultNsRecordTtl"] = 14400,
            ["defaultSoaRecordTtl"] = 900,
            ["forwarders"] = (forwarders.Upstreams ?? []).ToArray(),
            ["forwarderProtocol"] = TechnitiumForwarders.Name(forwarders.Protocol),
            // Secrets are never read back (TsigKeyAdmin lists none): "" means "keep" to settings/set.
            ["tsigKeys"] = call.Services.GetRequiredService<TsigKeyAdmin>().List()
                .Select(k => new TechnitiumJson.TsigKeyItem(k.Name.TrimEnd('.'), "", k.Algorithm)).ToList(),
        };
    }

    private static string? JsonString(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
