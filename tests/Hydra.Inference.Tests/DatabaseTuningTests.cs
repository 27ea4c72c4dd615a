using Hydra.Inference.Data;
using Npgsql;

namespace Hydra.Inference.Tests;

public sealed class DatabaseTuningTests
{
    [Fact]
    public void Adds_automatic_preparation_to_a_plain_connection_string()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseTuning.WithAutoPrepare("Host=db;Database=monitoring;Username=hydra"));

        Assert.Equal(DatabaseTuning.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("monitoring", tuned.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=5")]
    public void Keeps_a_deployment_s_own_choice(string connectionString)
    {
        Assert.Equal(connectionString, DatabaseTuning.WithAutoPrepare(connectionString));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Leaves_a_missing_connection_string_for_Aspire_to_report(string? connectionString)
    {
        Assert.Equal(connectionString, DatabaseTuning.WithAutoPrepare(connectionString));
    }
}
