using System.Text.Json;
using Microsoft.Extensions.Logging;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Server.Admin;
using SplitDns.Server.Views;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// The global upstream forwarders (SplitDns:Forwarders:Upstream) at run time: GET shows the servers
/// in use, PUT replaces them in every view that inherits them (views with their own Upstream keep
/// it), at once. The list is kept in the admin store (kind "setting", name "forwarders") and applied
/// again at start-up, where it overrides the configuration's list.
/// </summary>
public sealed class ForwarderAdmin
{
    public const string SettingKind = "setting";
    public const string SettingName = "forwarders";

    private readonly ForwarderRouting _routing;
    private readonly IAdminStore _admin;
    private readonly ILogger<ForwarderAdmin> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _applied;

    public ForwarderAdmin(ForwarderRouting routing, IAdminStore admin, ILogger<ForwarderAdmin> logger)
    {
        _routing = routing;
        _admin = admin;
        _logger = logger;
    }

    public ForwarderList Get()
    {
        IReadOnlyList<UpstreamEndpoint> servers = _routing.Upstream;
        return new ForwarderList { Upstreams = [.. servers.Select(ForwarderAddresses.Format)], Protocol = ForwarderAddresses.ProtocolOf(servers) };
    }

    /// <summary>Validates (400 naming the bad entry), persists, then applies the new list.</summary>
    public async Task<ForwarderList> ReplaceAsync(ForwarderList request, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Upstreams is null)
        {
            throw ConfigRequestException.BadRequest("upstreams", "required (a list of address[:port]; [] for no upstream forwarding)");
        }

        string protocol = ForwarderAddresses.ParseProtocol(request.Protocol);
        List<UpstreamEndpoint> servers = ForwarderAddresses.Parse(request.Upstreams, protocol, "upstreams");
        var stored = new ForwarderList { Upstreams = [.. request.Upstreams.Select(u => u.Trim())], Protocol = protocol };
        string body = JsonSerializer.Serialize(stored, DefaultJson.Options.Info<ForwarderList>());
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            try
            {
                await _admin.PutAsync(SettingKind, SettingName, body, ct).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                throw ConfigRequestException.Unavailable($"the store cannot be reached, nothing was changed: {ex.Message}");
            }

            _routing.SetUpstream(servers);
            _applied = body;
            Log.ForwardersSet(_logger, string.Join(", ", servers), actor);
            return Get();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the stored list when it changed (start-up, and another replica's PUT).</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            AdminObject? row = await _admin.GetAsync(SettingKind, SettingName, ct).ConfigureAwait(false);
            if (row?.Body == _applied)
            {
                return;
            }

            if (row is null)
            {
                _routing.SetUpstream(null);
                _applied = null;
                return;
            }

            ForwarderList list = JsonSerializer.Deserialize(row.Body, DefaultJson.Options.Info<ForwarderList>()) ?? new ForwarderList();
            _routing.SetUpstream(ForwarderAddresses.Parse(list.Upstreams, ForwarderAddresses.ParseProtocol(list.Protocol), "upstreams"));
            _applied = row.Body;
            Log.ForwardersSet(_logger, string.Join(", ", _routing.Upstream), "admin store");
        }
        finally
        {
            _gate.Release();
        }
    }
}
