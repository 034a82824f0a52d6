using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Server.Api.Config;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// settings/set tsigKeys: "name|secret|algorithm|name|…" (or a JSON array of
/// {keyName, sharedSecret, algorithmName}) replaces the API-created keys. A listed key that exists
/// is kept; a new one with an empty secret is created with a generated secret. A given secret for a
/// new key is refused (TsigKeyAdmin generates every secret); keys from configuration stay.
/// </summary>
internal static class TechnitiumTsigKeys
{
    public static async Task SetAsync(TechnitiumCall call)
    {
        List<(string Name, string Secret, string Algorithm)>? wanted = Read(call);
        if (wanted is null)
        {
            return;
        }

        TsigKeyAdmin keys = call.Services.GetRequiredService<TsigKeyAdmin>();
        IReadOnlyList<TsigKeyInfo> existing = keys.List();
        var names = new HashSet<string>(existing.Select(k => Normal(k.Name)), StringComparer.Ordinal);
        foreach ((string name, string secret, string algorithm) in wanted)
        {
            if (names.Contains(Normal(name)))
            {
                continue;
            }

            if (secret.Length > 0)
            {
                throw new TechnitiumException(
                    $"tsigKeys: key '{name}' with a given secret is not supported: leave the secret empty and SplitDns generates one (POST /api/v1/tsig-keys shows it once).");
            }

            await keys.CreateAsync(name, algorithm, call.Actor, call.Aborted).ConfigureAwait(false);
        }

        var keep = new HashSet<string>(wanted.Select(w => Normal(w.Name)), StringComparer.Ordinal);
        foreach (TsigKeyInfo k in existing.Where(k => k.OriginOf == "api" && !keep.Contains(Normal(k.Name))))
        {
            await keys.DeleteAsync(k.Name, call.Actor, call.Aborted).ConfigureAwait(false);
        }
    }

    private static List<(string, string, string)>? Read(TechnitiumCall call)
    {
        if (call.Request.Get("tsigKeys") is { } text)
        {
            if (text.Trim() is "" or "false")
            {
                return [];
            }

            string[] parts = text.Split('|');
            if (parts.Length % 3 != 0)
            {
                throw new TechnitiumException("Parameter 'tsigKeys': expected keyName|sharedSecret|algorithmName triples.");
            }

            return [.. Enumerable.Range(0, parts.Length / 3).Select(i => (parts[3 * i].Trim(), parts[(3 * i) + 1].Trim(), parts[(3 * i) + 2].Trim()))];
        }

        if (call.Request.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("tsigKeys", out JsonElement array))
        {
            if (array.ValueKind is JsonValueKind.Null or JsonValueKind.False)
            {
                return [];
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new TechnitiumException("Parameter 'tsigKeys' must be a list.");
            }

            return [.. array.EnumerateArray().Select(k => (Field(k, "keyName"), Field(k, "sharedSecret"), Field(k, "algorithmName")))];
        }

        return null;
    }

    private static string Field(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : "";

    private static string Normal(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();
}
