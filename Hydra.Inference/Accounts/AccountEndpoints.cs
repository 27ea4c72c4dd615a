using System.Security.Claims;
using Hydra.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Accounts;

/// <summary>
/// Local accounts, owned here because they live in the monitoring database (ADR-011): Web checks a
/// password and gets the person's roles for its cookie; the Admin lists, creates and changes accounts.
/// Policies: <see cref="Security.EndpointPolicies"/>.
/// </summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapPost("/password-check", async (PasswordCheck check, UserManager<HydraUser> users) =>
            {
                var user = await users.FindByNameAsync(check.UserName);
                // The same answer for an unknown name, a wrong password and a disabled account.
                if (user is null || await users.IsLockedOutAsync(user)) return Results.Unauthorized();
                if (!await users.CheckPasswordAsync(user, check.Password))
                {
                    await users.AccessFailedAsync(user);
                    return Results.Unauthorized();
                }
                await users.ResetAccessFailedCountAsync(user);
                return Results.Ok(await ViewAsync(users, user));
            })
            .Produces<AccountView>()
            .WithSummary("Web's sign-in: the account's roles and label scopes if the password is right, else 401.");

        accounts.MapGet("/{userName}", async (string userName, UserManager<HydraUser> users) =>
                await users.FindByNameAsync(userName) is { } user ? Results.Ok(await ViewAsync(users, user)) : Results.NotFound())
            .Produces<AccountView>()
            .WithSummary("One account as it stands now (Web re-reads it so a disabled person's session ends).");

        accounts.MapGet("/", async (UserManager<HydraUser> users, CancellationToken ct) =>
            {
                var views = new List<AccountView>();
                foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync(ct)) views.Add(await ViewAsync(users, user));
                return views;
            })
            .WithSummary("Every local account (Admin).");

        accounts.MapPut("/{userName}", async (string userName, AccountRequest request, UserManager<HydraUser> users, ClaimsPrincipal caller) =>
            {
                if (request.Roles.FirstOrDefault(r => !HydraRoles.All.Contains(r)) is { } unknown)
                {
                    return Results.Problem($"no role '{unknown}'; roles are {string.Join(", ", HydraRoles.All)}", statusCode: StatusCodes.Status400BadRequest);
                }
                if (request.Disabled && string.Equals(userName, caller.Identity?.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem("an Admin cannot disable their own account", statusCode: StatusCodes.Status400BadRequest);
                }
                var user = await users.FindByNameAsync(userName);
                var created = user is null;
                if (user is null)
                {
                    if (string.IsNullOrEmpty(request.Password)) return Results.Problem("a new account needs a password", statusCode: StatusCodes.Status400BadRequest);
                    user = new HydraUser { UserName = userName, LockoutEnabled = true };
                    if (Failed(await users.CreateAsync(user, request.Password)) is { } error) return error;
                }
                else if (!string.IsNullOrEmpty(request.Password))
                {
                    if (Failed(await users.RemovePasswordAsync(user)) is { } removeError) return removeError;
                    if (Failed(await users.AddPasswordAsync(user, request.Password)) is { } addError) return addError;
                }

                user.LabelScopes = [.. request.LabelScopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct()];
                // Disabled = locked out for good; enabling clears the lockout.
                user.LockoutEnabled = true;
                user.LockoutEnd = request.Disabled ? DateTimeOffset.MaxValue : null;
                if (Failed(await users.UpdateAsync(user)) is { } updateError) return updateError;
                var current = await users.GetRolesAsync(user);
                await users.RemoveFromRolesAsync(user, current.Except(request.Roles));
                await users.AddToRolesAsync(user, request.Roles.Except(current).Distinct());

                var view = await ViewAsync(users, user);
                return created ? Results.Created($"/api/v1/accounts/{Uri.EscapeDataString(userName)}", view) : Results.Ok(view);
            })
            .Produces<AccountView>()
            .WithSummary("Create or change an account: password (optional when changing), roles, label scopes, disabled (Admin).");
        return api;
    }

    private static async Task<AccountView> ViewAsync(UserManager<HydraUser> users, HydraUser user) =>
        new(user.UserName!, [.. await users.GetRolesAsync(user)], user.LabelScopes, user.LockoutEnd == DateTimeOffset.MaxValue);

    private static IResult? Failed(IdentityResult result) => result.Succeeded ? null
        : Results.Problem(string.Join(" ", result.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status400BadRequest, title: "Account not saved");
}
