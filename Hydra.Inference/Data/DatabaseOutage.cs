using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hydra.Inference.Data;

/// <summary>
/// Whether an exception means the monitoring database cannot be reached right now (restarting,
/// failing over, refusing connections, timing out), rather than a bug: ingest then refuses an image
/// as retryable, and any request answers 503 (<see cref="Api.DatabaseUnavailableHandler"/>).
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown } => true,
        InvalidOperationException or DbUpdateException or RetryLimitExceededException when exception.InnerException is { } inner => Is(inner),
        TimeoutException => true,
        _ => false,
    };
}
