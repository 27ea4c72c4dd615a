using Hydra.Core.Accounts;
using Hydra.Inference.Data;
using Hydra.Inference.IngestKeys;
using Hydra.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Accounts;

/// <summary>
/// After the migrations: the six roles, the first Admin from configuration (so a fresh start can
/// sign in) and the configured ingest keys. Idempotent, and safe when two replicas start together
/// (a unique-name clash from the other replica is logged and ignored).
/// </summary>
public sealed class AccountSeeder(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> options,
    ILogger<AccountSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await SeedRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
            await SeedAdminAsync(scope.ServiceProvider.GetRequiredService<UserManager<HydraUser>>());
            await SeedIngestKeysAsync(scope.ServiceProvider.GetRequiredService<MonitoringDb>(), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError("Accounts not seeded: {Reason}", exception.Message);
        }
    }

    private static async Task SeedRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in HydraRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private async Task SeedAdminAsync(UserManager<HydraUser> users)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminPassword))
        {
            logger.LogWarning("No Hydra:Auth:AdminPassword: no first Admin is created");
            return;
        }
        // Only when the account does not exist: an Admin who changed the password keeps it.
        if (await users.FindByNameAsync(settings.AdminUserName) is not null) return;
        var admin = new HydraUser { UserName = settings.AdminUserName, LockoutEnabled = true, LabelScopes = [LabelScopes.Everything] };
        var created = await users.CreateAsync(admin, settings.AdminPassword);
        if (!created.Succeeded)
        {
            logger.LogError("The first Admin was not created: {Errors}", string.Join("; ", created.Errors.Select(e => e.Description)));
            return;
        }
        await users.AddToRoleAsync(admin, HydraRoles.Admin);
        logger.LogInformation("Created the first Admin account '{UserName}'", settings.AdminUserName);
    }

    private async Task SeedIngestKeysAsync(MonitoringDb db, CancellationToken ct)
    {
        foreach (var (name, key) in options.Value.IngestKeys)
        {
            if (string.IsNullOrWhiteSpace(key)) continue;
            var existing = await db.IngestKeys.Where(k => k.Name == name).OrderByDescending(k => k.Id).FirstOrDefaultAsync(ct);
            // Revoked stays revoked: configuration cannot undo an Admin's decision.
            if (existing?.RevokedAt is not null) continue;
            if (existing is null)
            {
                db.IngestKeys.Add(new IngestKey { Name = name, Prefix = IngestKeyHash.PrefixOf(key), Hash = IngestKeyHash.Of(key), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "configuration" });
            }
            else
            {
                // The AppHost generates a new demo key at each start: the named key follows it.
                existing.Hash = IngestKeyHash.Of(key);
                existing.Prefix = IngestKeyHash.PrefixOf(key);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
