using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hydra.Assistant.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs
/// Aspire's connection string). No connection is opened when a migration is generated.
/// </summary>
internal sealed class AssistantDbDesignTimeFactory : IDesignTimeDbContextFactory<AssistantDb>
{
    public AssistantDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AssistantDb>()
        .UseNpgsql("Host=localhost;Database=assistant")
        .UseSnakeCaseNamingConvention()
        .Options);
}
