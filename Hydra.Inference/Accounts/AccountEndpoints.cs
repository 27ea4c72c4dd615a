using System.Security.Claims;
using Hydra.Core.Accounts;
using Hydra.Inference.Data;
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

        accounts.MapPut("/{userName}", async (string userName, AccountRequest request, UserManager<HydraUser> users, MonitoringDb db, ClaimsPrincipal caller, CancellationToken ct) =>
            {
                if (request.Roles.FirstOrDefault(r => !HydraRoles.All.Contains(r)) is { } unknown)
                {
                    return Results.Problem($"no role '{unknown}'; roles are {string.Join(", ", HydraRoles.All)}", statusCode: StatusCodes.Status400BadRequest);
                }
                var self = string.Equals(userName, caller.Identity?.Name, StringComparison.OrdinalIgnoreCase);
                if (request.Disabled && self)
                {
                    return Results.Problem("an Admin cannot disable their own account: another Admin can", statusCode: StatusCodes.Status400BadRequest, title: "Not your own account");
                }
                // One account change at a time, in one transaction: two Admins demoting each other at
                // the same moment must not each count the other as the Admin who remains, and a change
                // refused half-way (a weak password, the last Admin) leaves the account as it was.
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AccountsLockKey})", ct);
                    var (result, saved) = await SaveAsync(userName, request, self, users);
                    if (saved) await transaction.CommitAsync(ct);
                    return result;
                });
            })
            .Produces<AccountView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create or change an account: password (optional when changing), roles, label scopes, disabled (Admin). "
                + "An Admin cannot remove their own Admin role or disable themselves (400), and the last enabled Admin keeps the role and stays enabled (409).");
        return api;
    }

    /// <summary>Account changes take this transaction-scoped advisory lock ("Hydra", accounts).</summary>
    private const long AccountsLockKey = 0x4879647261_03;

    private static async Task<(IResult Result, bool Saved)> SaveAsync(string userName, AccountRequest request, bool self, UserManager<HydraUser> users)
    {
        var user = await users.FindByNameAsync(userName);
        var created = user is null;
        if (user is null)
        {
            if (string.IsNullOrEmpty(request.Password)) return (Results.Problem("a new account needs a password", statusCode: StatusCodes.Status400BadRequest), false);
            user = new HydraUser { UserName = userName, LockoutEnabled = true };
            if (Failed(await users.CreateAsync(user, request.Password)) is { } error) return (error, false);
        }
        else
        {
            var isAdmin = await users.IsInRoleAsync(user, HydraRoles.Admin);
            var losesAdmin = isAdmin && !request.Roles.Contains(HydraRoles.Admin);
            if (losesAdmin && self)
            {
                return (Results.Problem("an Admin cannot remove their own Admin role: another Admin can", statusCode: StatusCodes.Status400BadRequest, title: "Not your own account"), false);
            }
            if (isAdmin && !IsDisabled(user) && (losesAdmin || request.Disabled)
                && !(await users.GetUsersInRoleAsync(HydraRoles.Admin)).Any(other => other.Id != user.Id && !IsDisabled(other)))
            {
                return (Results.Problem($"'{user.UserName}' is the last enabled Admin: make another account Admin before removing this one's role or disabling it",
                    statusCode: StatusCodes.Status409Conflict, title: "Last Admin"), false);
            }
            if (!string.IsNullOrEmpty(request.Password))
            {
                if (Failed(await users.RemovePasswordAsync(user)) is { } removeError) return (removeError, false);
                if (Failed(await users.AddPasswordAsync(user, request.Password)) is { } addError) return (addError, false);
            }
        }

        user.LabelScopes = [.. request.LabelScopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct()];
        // Disabled = locked out for good; enabling clears the lockout.
        user.LockoutEnabled = true;
        user.LockoutEnd = request.Disabled ? DateTimeOffset.MaxValue : null;
        if (Failed(await users.UpdateAsync(user)) is { } updateError) return (updateError, false);
        var current = await users.GetRolesAsync(user);
        if (Failed(await users.RemoveFromRolesAsync(user, current.Except(request.Roles))) is { } removeRoles) return (removeRoles, false);
        if (Failed(await users.AddToRolesAsync(user, request.Roles.Except(current).Distinct())) is { } addRoles) return (addRoles, false);

        var view = await ViewAsync(users, user);
        return (created ? Results.Created($"/api/v1/accounts/{Uri.EscapeDataString(userName)}", view) : Results.Ok(view), true);
    }

    private static bool IsDisabled(HydraUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    private static async Task<AccountView> ViewAsync(UserManager<HydraUser> users, HydraUser user) =>
        new(user.UserName!, [.. await users.GetRolesAsync(user)], user.LabelScopes, IsDisabled(user));

    private static IResult? Failed(IdentityResult result) => result.Succeeded ? null
        : Results.Problem(string.Join(" ", result.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status400BadRequest, title: "Account not saved");
}
