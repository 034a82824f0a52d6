using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.Api.Config;
using SplitDns.Server.Api.Explain;
using SplitDns.Server.Api.Operations;
using SplitDns.Server.Api.Technitium;
using SplitDns.Server.Api.Zones;
using SplitDns.Server.Hosting;
using SplitDns.Server.Updates.Guard;

namespace SplitDns.Server.Api;

/// <summary>
/// Source-generated JSON metadata for every type the server reads or writes as JSON (API bodies,
/// admin-store objects, the rollback/guard commands): no reflection, so the Native AOT binary and
/// the JIT build serialise the same way. The names come from the options that use it
/// (<see cref="ApiJson.Options"/> snake_case, the minimal-API options camelCase, the store's
/// default options as declared): this context only lists the types.
/// </summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
// Admin-store objects (default options; names as declared).
[JsonSerializable(typeof(StoredToken))]
[JsonSerializable(typeof(TokenUse))]
[JsonSerializable(typeof(StoredUser))]
[JsonSerializable(typeof(StoredAccounts.TokenName))]
[JsonSerializable(typeof(TsigKeyAdmin.StoredKey))]
[JsonSerializable(typeof(ForwarderList))]
[JsonSerializable(typeof(ZoneDefinition))]
[JsonSerializable(typeof(GuardApproval))]
[JsonSerializable(typeof(HeldDeletion))]
// Request bodies.
[JsonSerializable(typeof(ZoneCreateRequest))]
[JsonSerializable(typeof(ConfigEndpoints.KeyRequest))]
[JsonSerializable(typeof(RecordSpec))]
[JsonSerializable(typeof(ZoneRecordEndpoints.UpdateBody))]
[JsonSerializable(typeof(ZoneFileEndpoints.RollbackBody))]
[JsonSerializable(typeof(ViewsEndpoints.DisableRequest))]
[JsonSerializable(typeof(RollbackCommand.SerialBody))]
[JsonSerializable(typeof(RollbackCommand.TimeBody))]
[JsonSerializable(typeof(GuardCommand.ApproveBody))]
// Responses of /api/v1 (minimal-API options, camelCase).
[JsonSerializable(typeof(ApiEndpoints.WhoAmI))]
[JsonSerializable(typeof(AuthEndpoints.SessionJson))]
[JsonSerializable(typeof(AuthEndpoints.TokenList))]
[JsonSerializable(typeof(AuthEndpoints.CreatedToken))]
[JsonSerializable(typeof(UserEndpoints.UserList))]
[JsonSerializable(typeof(UserEndpoints.UserJson))]
[JsonSerializable(typeof(ConfigEndpoints.ZoneList))]
[JsonSerializable(typeof(ConfigEndpoints.ZoneCreated))]
[JsonSerializable(typeof(ConfigEndpoints.KeyList))]
[JsonSerializable(typeof(CreatedTsigKey))]
[JsonSerializable(typeof(ZoneRecordEndpoints.RecordList))]
[JsonSerializable(typeof(ZoneRecordEndpoints.RecordChanged))]
[JsonSerializable(typeof(ZoneRecordEndpoints.RecordsDeleted))]
[JsonSerializable(typeof(ZoneFileEndpoints.Imported))]
[JsonSerializable(typeof(ZoneFileEndpoints.History))]
[JsonSerializable(typeof(RollbackResult))]
// Responses of the operations and explain routes (ApiJson.Options, snake_case).
[JsonSerializable(typeof(ExplainResult))]
[JsonSerializable(typeof(CacheEndpoints.FlushResult))]
[JsonSerializable(typeof(GuardEndpoints.HeldList))]
[JsonSerializable(typeof(GuardEndpoints.ApprovalList))]
[JsonSerializable(typeof(GuardEndpoints.RevokeResult))]
[JsonSerializable(typeof(BlocklistsEndpoints.BlocklistsJson))]
[JsonSerializable(typeof(BlocklistsEndpoints.RefreshJson))]
[JsonSerializable(typeof(ViewsEndpoints.ViewList))]
[JsonSerializable(typeof(ViewsEndpoints.ViewBlocking))]
[JsonSerializable(typeof(StatsEndpoint.StatsJson))]
// The Technitium-compatible API (its own camelCase names).
[JsonSerializable(typeof(TechnitiumJson.Empty))]
[JsonSerializable(typeof(TechnitiumJson.ZoneListing))]
[JsonSerializable(typeof(TechnitiumJson.ZonePage))]
[JsonSerializable(typeof(TechnitiumJson.CreatedZone))]
[JsonSerializable(typeof(TechnitiumJson.RecordAdded))]
[JsonSerializable(typeof(TechnitiumJson.RecordUpdated))]
[JsonSerializable(typeof(TechnitiumJson.RecordListing))]
[JsonSerializable(typeof(TechnitiumJson.AddressData))]
[JsonSerializable(typeof(TechnitiumJson.CnameData))]
[JsonSerializable(typeof(TechnitiumJson.NsData))]
[JsonSerializable(typeof(TechnitiumJson.PtrData))]
[JsonSerializable(typeof(TechnitiumJson.MxData))]
[JsonSerializable(typeof(TechnitiumJson.SrvData))]
[JsonSerializable(typeof(TechnitiumJson.CaaData))]
[JsonSerializable(typeof(TechnitiumJson.TxtData))]
[JsonSerializable(typeof(TechnitiumJson.OtherData))]
[JsonSerializable(typeof(TechnitiumJson.TsigKeyNameList))]
[JsonSerializable(typeof(List<TechnitiumJson.TsigKeyItem>))]
[JsonSerializable(typeof(TechnitiumJson.TokenCreated))]
[JsonSerializable(typeof(TechnitiumJson.Info))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;

/// <summary>Typed metadata from options whose resolver is <see cref="ServerJsonContext"/> (AOT-safe).</summary>
internal static class JsonOptionsExtensions
{
    public static JsonTypeInfo<T> Info<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

/// <summary>Default options (names as each type declares them: the admin store, request bodies), generated metadata.</summary>
internal static class DefaultJson
{
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = ServerJsonContext.Default };
}
