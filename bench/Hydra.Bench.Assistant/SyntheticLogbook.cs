using System.Security.Cryptography;
using System.Text;
using Hydra.Assistant.Logbook;
using Npgsql;
using NpgsqlTypes;

namespace Hydra.Bench.Assistant;

/// <summary>
/// A large logbook for the search benchmark: entries composed from detector, problem and action
/// phrases, like years of HBLOG. Embedding 100,000 texts with MiniLM would take this machine many
/// minutes, so every distinct text is embedded once and each entry carries that embedding with a
/// little noise (re-normalised): as many vectors to scan as a real logbook of that size.
/// </summary>
public static class SyntheticLogbook
{
    private static readonly string[] Detectors = ["ECAL", "PCAL", "DC", "FTOF", "CTOF", "CND", "HTCC", "LTCC", "RICH", "FT-Cal", "FT-Hodo", "BAND", "AHDC", "ATOF", "Trigger", "RF"];
    private static readonly string[] Problems =
    [
        "HV board tripped in sector {0}", "crate {1} lost communication", "slot {2} of crate {1} stopped reading out", "hot channel in sector {0}",
        "occupancy hole in sector {0}", "timing shifted by a few ns", "noisy channels in sector {0}", "low voltage supply alarm",
        "gain drift after the calibration", "monitoring histograms stopped updating",
    ];
    private static readonly string[] Actions =
    [
        "Reset from the slow-control GUI.", "Power-cycled the crate between runs.", "Called the expert, waiting.", "Masked the channel for the next run.",
        "Restarted mon12.", "Known problem, no action needed.", "Rebooted the readout controller.", "Fixed after the access.",
    ];

    public static async Task<int> SeedAsync(string connectionString, TextEmbedder embedder, int count)
    {
        var random = new Random(7);
        var texts = new List<(string Title, string Body)>();
        foreach (var detector in Detectors)
        {
            foreach (var problem in Problems)
            {
                foreach (var action in Actions.Take(4))
                {
                    var title = $"{detector} {string.Format(problem, 2, 44, 6)}";
                    texts.Add((title, $"{title}. {action}"));
                }
            }
        }
        var vectors = embedder.Embed([.. texts.Select(t => LogbookImporter.EmbeddingText(t.Title, t.Body))]);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY logbook_entries (log_number, title, body, author, created_at, tags, run_numbers, imported_at, content_hash, embedding) FROM STDIN (FORMAT BINARY)"))
        {
        var start = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var embedding = new float[TextEmbedder.Dimensions];
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(texts.Count);
            var run = 5000 + random.Next(12_000);
            var (title, body) = texts[pick];
            body = $"Run {run}: {body} Sector {random.Next(1, 7)}, {random.Next(1, 60)} min.";
            for (var d = 0; d < embedding.Length; d++) embedding[d] = vectors[pick][d] + (float)(random.NextDouble() - 0.5) * 0.02f;
            var norm = MathF.Sqrt(embedding.Sum(v => v * v));
            await writer.StartRowAsync();
            await writer.WriteAsync(10_000_000L + i, NpgsqlDbType.Bigint);
            await writer.WriteAsync(title, NpgsqlDbType.Varchar);
            await writer.WriteAsync(body, NpgsqlDbType.Text);
            await writer.WriteAsync($"{title.Split(' ')[0]} expert", NpgsqlDbType.Varchar);
            await writer.WriteAsync(start.AddMinutes(i * 30L).UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(new[] { title.Split(' ')[0] }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(new[] { run }, NpgsqlDbType.Array | NpgsqlDbType.Integer);
            await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{i}{body}"))), NpgsqlDbType.Varchar);
            await writer.WriteAsync(embedding.Select(v => v / norm).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real);
        }
        await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE logbook_entries", connection);
        await analyze.ExecuteNonQueryAsync();
        return texts.Count;
    }
}
