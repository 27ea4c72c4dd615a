using Hydra.Inference.IngestKeys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Accounts;

/// <summary>Identity's tables under short snake_case names (<c>users</c>, not <c>asp_net_users</c>), and ingest keys.</summary>
internal static class AccountModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<HydraUser>(user =>
        {
            user.ToTable("users");
        });
        model.Entity<IdentityRole>().ToTable("roles");
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");

        model.Entity<IngestKey>(key =>
        {
            key.ToTable("ingest_keys");
            key.HasIndex(k => k.Hash).IsUnique();
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(20);
            key.Property(k => k.Hash).HasMaxLength(64);
            key.Property(k => k.CreatedBy).HasMaxLength(256);
        });
    }
}
