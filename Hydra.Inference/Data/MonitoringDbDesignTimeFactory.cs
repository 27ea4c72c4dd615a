using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hydra.Inference.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs
/// Aspire's connection string). No connection is opened when a migration is generated.
/// </summary>
internal sealed class MonitoringDbDesignTimeFactory : IDesignTimeDbContextFactory<MonitoringDb>
{
    public MonitoringDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<MonitoringDb>()
        .UseNpgsql("Host=localhost;Database=monitoring")
        .UseSnakeCaseNamingConvention()
        .Options);
}
