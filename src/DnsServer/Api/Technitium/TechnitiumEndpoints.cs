using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// The Technitium-compatible subset under /api/… (docs/api.md, "Technitium-compatible API";
/// parameter names and shapes from Technitium v15's handlers): every route answers GET and POST,
/// always HTTP 200 in Technitium's envelope. Changes need an admin token ("Access was denied."
/// otherwise).
/// </summary>
public static class TechnitiumEndpoints
{
    private delegate Task<object?> Handler(TechnitiumCall call);

    private enum Access
    {
        /// <summary>The call checks user and password (or a token) itself.</summary>
        Login,
        Read,
        Admin,
    }

    public static void Map(WebApplication app)
    {
        Route(app, Access.Login, topLevel: true, TechnitiumUserCalls.LoginAsync, "/api/user/login", "/api/login");
        Route(app, Access.Login, topLevel: true, TechnitiumUserCalls.CreateTokenAsync, "/api/user/createToken");
        Route(app, Access.Read, topLevel: true, TechnitiumUserCalls.LogoutAsync, "/api/user/logout", "/api/logout");
        MapMore(app);
    }

    /// <summary>The zone, record and settings calls (each file adds its routes here).</summary>
    private static void MapMore(WebApplication app)
    {
        Route(app, Access.Read, topLevel: false, TechnitiumZoneCalls.ListAsync, "/api/zones/list", "/api/zone/list", "/api/listZones");
        Route(app, Access.Admin, topLevel: false, TechnitiumZoneCalls.CreateAsync, "/api/zones/create", "/api/zone/create", "/api/createZone");
        Route(app, Access.Admin, topLevel: false, TechnitiumZoneCalls.DeleteAsync, "/api/zones/delete", "/api/zone/delete", "/api/deleteZone");
        Route(app, Access.Admin, topLevel: false, TechnitiumRecordCalls.AddAsync, "/api/zones/records/add", "/api/zone/addRecord", "/api/addRecord");
        Route(app, Access.Read, topLevel: false, TechnitiumRecordCalls.GetAsync, "/api/zones/records/get", "/api/zone/getRecords", "/api/getRecords");
        Route(app, Access.Admin, topLevel: false, TechnitiumRecordCalls.UpdateAsync,
            "/api/zones/records/update", "/api/zone/updateRecord", "/api/updateRecord");
        Route(app, Access.Admin, topLevel: false, TechnitiumRecordCalls.DeleteAsync,
            "/api/zones/records/delete", "/api/zone/deleteRecord", "/api/deleteRecord");
        Route(app, Access.Read, topLevel: false, TechnitiumSettingsCalls.GetAsync,
            "/api/settings/get", "/api/getDnsSettings", "/api/settings/getDnsSettings");
        Route(app, Access.Admin, topLevel: false, TechnitiumSettingsCalls.SetAsync,
            "/api/settings/set", "/api/setDnsSettings", "/api/settings/setDnsSettings");
        Route(app, Access.Read, topLevel: false, TechnitiumSettingsCalls.TsigKeyNamesAsync, "/api/settings/getTsigKeyNames");
    }

    private static void Route(WebApplication app, Access access, bool topLevel, Handler handler, params string[] paths)
    {
        foreach (string path in paths)
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => RunAsync(http, access, topLevel, handler))
                .ExcludeFromDescription();
        }
    }

    private static async Task RunAsync(HttpContext http, Access access, bool topLevel, Handler handler)
    {
        IServiceProvider services = http.RequestServices;
        string server = services.GetRequiredService<IOptions<ServerSettings>>().Value.Domain.ToString().TrimEnd('.');
        object? response;
        try
        {
            TechnitiumRequest request = await TechnitiumRequest.ReadAsync(http).ConfigureAwait(false);
            ApiIdentity? identity = access == Access.Login ? null : await AuthenticateAsync(request, services).ConfigureAwait(false);
            if (access == Access.Admin && identity!.Role != ApiRoles.Admin)
            {
                throw new TechnitiumException("Access was denied.");
            }

            response = await handler(new TechnitiumCall(request, identity, services)).ConfigureAwait(false);
        }
        catch (TechnitiumException ex)
        {
            await TechnitiumEnvelope.WriteErrorAsync(http, server, ex.Status, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (TechnitiumErrors.Message(ex) is { } message)
        {
            await TechnitiumEnvelope.WriteErrorAsync(http, server, TechnitiumException.Error, message).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never a 500: Technitium scripts read "status"; the details go to the log.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TechnitiumEndpoints)).LogError(ex, "Technitium call {Path} failed", http.Request.Path);
            await TechnitiumEnvelope.WriteErrorAsync(http, server, TechnitiumException.Error, "internal error: " + ex.Message).ConfigureAwait(false);
            return;
        }

        await TechnitiumEnvelope.WriteOkAsync(http, server, response, topLevel).ConfigureAwait(false);
    }

    /// <summary>The caller of a call that needs a token, or an "invalid-token" error.</summary>
    internal static async Task<ApiIdentity> AuthenticateAsync(TechnitiumRequest request, IServiceProvider services)
    {
        string token = request.Token ?? throw new TechnitiumException("Parameter 'token' missing.", TechnitiumException.InvalidToken);
        IApiAccounts accounts = services.GetRequiredService<IApiAccounts>();
        return await accounts.AuthenticateTokenAsync(token, request.Aborted).ConfigureAwait(false)
            ?? throw new TechnitiumException("Invalid token or session expired.", TechnitiumException.InvalidToken);
    }
}
