using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;
using SplitDns.Server.Admin;
using SplitDns.Server.Updates;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// TSIG keys at run time: list (configuration and API keys, never secrets), create with a generated
/// secret (32 random bytes, shown once), delete (API keys only). A created key is kept in the admin
/// store (kind "tsig-key") with its secret usable, since TSIG is a shared secret, and added to the
/// running key ring at once, so UPDATE, transfers and signed queries verify with it.
/// </summary>
public sealed class TsigKeyAdmin
{
    public const string Kind = "tsig-key";

    private readonly TsigKeyRing _ring;
    private readonly IAdminStore _admin;
    private readonly ILogger<TsigKeyAdmin> _logger;
    private readonly HashSet<DnsName> _configured;
    private readonly HashSet<DnsName> _api = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public TsigKeyAdmin(DynamicSettings dynamic, IAdminStore admin, ILogger<TsigKeyAdmin> logger)
    {
        _ring = dynamic.Keys;
        _admin = admin;
        _logger = logger;
        _configured = [.. _ring.Keys.Select(k => k.Name)];
    }

    public IReadOnlyList<TsigKeyInfo> List()
    {
        lock (_api)
        {
            return [.. _ring.Keys.OrderBy(k => k.Name.ToString(), StringComparer.OrdinalIgnoreCase)
                .Select(k => new TsigKeyInfo(k.Name.ToString(), k.Algorithm.ShortName, _api.Contains(k.Name) ? "api" : "config"))];
        }
    }

    public async Task<CreatedTsigKey> CreateAsync(string? name, string? algorithm, string actor, CancellationToken ct)
    {
        DnsName keyName = ParseName(name);
        string algorithmText = string.IsNullOrWhiteSpace(algorithm) ? "hmac-sha256" : algorithm;
        if (!TsigAlgorithm.TryParse(algorithmText, out TsigAlgorithm? alg))
        {
            throw ConfigRequestException.BadRequest("algorithm",
                $"'{algorithm}' is not one of {string.Join(", ", TsigAlgorithm.All.Select(a => a.ShortName))}");
        }

        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var stored = new StoredKey(keyName.ToString(), alg.ShortName, secret, DateTimeOffset.UtcNow, actor);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_ring.TryFind(keyName, out _))
            {
                throw ConfigRequestException.Conflict($"TSIG key {keyName} exists already");
            }

            if (!await Guard(() => _admin.InsertAsync(Kind, StoreName(keyName), JsonSerializer.Serialize(stored, DefaultJson.Options.Info<StoredKey>()), ct)).ConfigureAwait(false))
            {
                throw ConfigRequestException.Conflict($"TSIG key {keyName} exists already");
            }

            Add(stored);
            Log.KeyCreated(_logger, keyName.ToString(), alg.ShortName, actor);
            return new CreatedTsigKey(keyName.ToString(), alg.ShortName, secret);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(string? name, string actor, CancellationToken ct)
    {
        DnsName keyName = ParseName(name);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_configured.Contains(keyName))
            {
                throw ConfigRequestException.Conflict($"TSIG key {keyName} comes from the configuration (SplitDns:Tsig:Keys): edit the configuration to remove it");
            }

            bool known;
            lock (_api)
            {
                known = _api.Contains(keyName);
            }

            if (!known)
            {
                throw ConfigRequestException.NotFound($"no TSIG key {keyName}");
            }

            await Guard(() => _admin.DeleteAsync(Kind, StoreName(keyName), ct)).ConfigureAwait(false);
            Remove(keyName);
            Log.KeyDeleted(_logger, keyName.ToString(), actor);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds the admin store's keys to the ring and drops API keys it no longer has.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            IReadOnlyList<AdminObject> rows = await _admin.ListAsync(Kind, ct).ConfigureAwait(false);
            var wanted = new HashSet<DnsName>();
            foreach (AdminObject row in rows)
            {
                StoredKey? key = JsonSerializer.Deserialize(row.Body, DefaultJson.Options.Info<StoredKey>());
                if (key is null || !DnsName.TryParse(key.Name, DnsName.Root, out DnsName n, out _) || _configured.Contains(n))
                {
                    continue;
                }

                wanted.Add(n);
                if (!_ring.TryFind(n, out _))
                {
                    Add(key);
                }
            }

            List<DnsName> gone;
            lock (_api)
            {
                gone = [.. _api.Where(n => !wanted.Contains(n))];
            }

            foreach (DnsName n in gone)
            {
                Remove(n);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Add(StoredKey key)
    {
        TsigAlgorithm.TryParse(key.Algorithm, out TsigAlgorithm? alg);
        TsigKey tsig = TsigKey.FromBase64(key.Name, alg ?? TsigAlgorithm.HmacSha256, key.Secret);
        _ring.TryAdd(tsig);
        lock (_api)
        {
            _api.Add(tsig.Name);
        }
    }

    private void Remove(DnsName name)
    {
        _ring.Remove(name);
        lock (_api)
        {
            _api.Remove(name);
        }
    }

    private static string StoreName(DnsName name) => name.ToLowerInvariant().ToString();

    private static DnsName ParseName(string? text)
    {
        string t = (text ?? "").Trim();
        if (t.Length == 0 || t == "." || !DnsName.TryParse(t, DnsName.Root, out DnsName name, out string? error))
        {
            throw ConfigRequestException.BadRequest("name", $"'{text}' is not a key name (a domain name such as externaldns)");
        }

        return name;
    }

    private static async Task<T> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            throw ConfigRequestException.Unavailable($"the store cannot be reached, nothing was changed: {ex.Message}");
        }
    }

    private static async Task Guard(Func<Task> work) => await Guard(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    /// <summary>The admin store's body of a key (the secret is stored usable: it is a shared secret).</summary>
    internal sealed record StoredKey(string Name, string Algorithm, string Secret, DateTimeOffset Created, string Actor);
}
