using Hydra.Inference.Data;
using Hydra.Inference.Images;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hydra.Inference.Ingest;

/// <summary>
/// Stores an accepted image and its bytes in one SQL statement (a data-modifying CTE: both rows or
/// neither, with no transaction round trips). Ingest is the pipeline's hottest write, and EF Core's
/// SaveChanges for these two rows (change tracking, a transaction, command building) cost as much
/// CPU as decoding the PNG in the pipeline benchmark. The columns are the EF model's
/// (<see cref="MonitoringImage"/>, <see cref="ImageContent"/>); the ingest tests read the rows
/// back through EF, so a renamed column fails them.
/// </summary>
public static class ImageRows
{
    private const string Insert = """
        WITH image AS (
            INSERT INTO images (plot_type_id, run_id, chunk, content_sha256, width, height, size_bytes, recorded_at,
                                received_at, beam_current_nano_amps, training_weight, is_collected, enqueued_at, ingest_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            RETURNING id)
        INSERT INTO image_contents (image_id, png) SELECT id, $15 FROM image RETURNING image_id
        """;

    /// <summary>Inserts both rows and returns the image's id.</summary>
    /// <exception cref="PostgresException">23505 (unique violation) when the same bytes are stored already.</exception>
    public static async Task<long> InsertAsync(MonitoringDb db, MonitoringImage image, byte[] png, CancellationToken cancellationToken)
    {
        // The strategy retries a connection that died in a PostgreSQL restart. A retry after a lost
        // reply to a committed insert meets the unique hash: ingest then answers "duplicate" with the
        // stored image, which is the truth.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(Insert, (NpgsqlConnection)db.Database.GetDbConnection())
                {
                    Parameters =
                    {
                        new() { Value = image.PlotTypeId },
                        new() { Value = image.RunId },
                        new() { Value = image.Chunk },
                        new() { Value = image.ContentSha256 },
                        new() { Value = image.Width },
                        new() { Value = image.Height },
                        new() { Value = image.SizeBytes },
                        new() { Value = image.RecordedAt },
                        new() { Value = image.ReceivedAt },
                        new() { Value = (object?)image.BeamCurrentNanoAmps ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double },
                        new() { Value = image.TrainingWeight },
                        new() { Value = image.IsCollected },
                        new() { Value = (object?)image.EnqueuedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                        new() { Value = image.IngestMs },
                        new() { Value = png },
                    },
                };
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }
}
