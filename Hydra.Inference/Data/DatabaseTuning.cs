using Npgsql;

namespace Hydra.Inference.Data;

/// <summary>
/// Connection settings for the pipeline's hot path. Every image costs the same handful of
/// statements (insert the image and its bytes, read the batch, insert the verdicts); without
/// preparation PostgreSQL parses and plans each one again, which showed as a tenth of its CPU in
/// the pipeline benchmark. Npgsql's automatic preparation keeps the most used statements prepared
/// per physical connection.
/// </summary>
public static class DatabaseTuning
{
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Adds automatic preparation unless the connection string says otherwise: a deployment behind
    /// a transaction-mode PgBouncer, which cannot keep prepared statements, sets
    /// <c>Max Auto Prepare=0</c> in its connection string.
    /// </summary>
    public static string? WithAutoPrepare(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return connectionString;
        if (connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}
