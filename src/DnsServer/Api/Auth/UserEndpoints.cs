using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SplitDns.Server.Api.Auth;

/// <summary>/api/v1/users: stored users for password login (admin only; hashes never leave the store).</summary>
internal static class UserEndpoints
{
    public const int MinimumPasswordLength = 12;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", ListAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("ListUsers").WithSummary("Stored users and their roles.");
        api.MapPut("/users/{name}", PutAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("PutUser").WithSummary("Creates or replaces a user: password (PBKDF2-hashed) and role.");
        api.MapDelete("/users/{name}", DeleteAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("DeleteUser").WithSummary("Deletes a user and revokes its tokens.");
    }

    private static Task<IResult> ListAsync(HttpContext http, StoredAccounts accounts) => AuthEndpoints.StoreCallAsync(async () =>
    {
        var users = await accounts.ListUsersAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new UserList(users.Select(u => new UserJson(u.User, u.Role))));
    });

    private static async Task<IResult> PutAsync(string name, HttpContext http, StoredAccounts accounts)
    {
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return ApiProblem.BadRequest("name", "1 to 64 letters, digits, '.', '_', '-' or '@'");
        }

        var (body, error) = await JsonBody.ReadAsync(http.Request).ConfigureAwait(false);
        string? password = error is null ? JsonBody.String(body, "password", out error) : null;
        string? role = error is null ? JsonBody.String(body, "role", out error) : null;
        if (error is not null)
        {
            return error;
        }

        if (password is null || password.Length < MinimumPasswordLength)
        {
            return ApiProblem.BadRequest("password", $"required, at least {MinimumPasswordLength} characters");
        }

        role ??= ApiRoles.Reader;
        if (!ApiRoles.IsKnown(role))
        {
            return ApiProblem.BadRequest("role", $"must be '{ApiRoles.Admin}' or '{ApiRoles.Reader}'");
        }

        return await AuthEndpoints.StoreCallAsync(async () =>
        {
            await accounts.SetUserAsync(name, password, role, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new UserJson(name, role));
        }).ConfigureAwait(false);
    }

    private static Task<IResult> DeleteAsync(string name, HttpContext http, StoredAccounts accounts) => AuthEndpoints.StoreCallAsync(async () =>
        await accounts.DeleteUserAsync(name, http.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiProblem.NotFound($"no user named '{name}'"));

    internal sealed record UserList(IEnumerable<UserJson> Users);

    internal sealed record UserJson(string User, string Role);
}
