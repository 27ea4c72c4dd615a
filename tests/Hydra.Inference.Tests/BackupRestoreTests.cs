using Hydra.Core.Accounts;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;
using Npgsql;

namespace Hydra.Inference.Tests;

/// <summary>
/// eng/backup.sh and eng/restore.sh (Debian's pg_dump / pg_restore) against the real server: data
/// that came in through Hydra's API is backed up, the database dropped, and the restore brings back
/// every row identically and serves the same verdicts and labels.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BackupRestoreTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_adcU";
    private const int Run = 7000;

    // Every table a person would miss: the record (images, bytes, verdicts, labels and their
    // history, episodes, runs, plot types) and the migration history that tells Inference the
    // schema is current.
    private static readonly string[] Tables =
        ["images", "image_contents", "verdicts", "image_labels", "label_changes", "episodes", "runs", "plot_types", "\"__EFMigrationsHistory\""];

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_brings_back_identical_rows_and_verdicts()
    {
        var ids = new List<long>();
        for (var chunk = 1; chunk <= 6; chunk++) ids.Add((await PostImageAsync(TestPngs.Grey(30, salt: chunk), Run, Plot, chunk)).ImageId);
        var verdicts = new Dictionary<long, VerdictView>();
        foreach (var id in ids) verdicts[id] = await WaitForVerdictAsync(id);
        // Labels are recorded under the signed-in person Web forwards (ADR-011), here alice and bob.
        Api.As("alice", [HydraRoles.Labeler], ["*"]);
        var labelled = await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("alice",
            [new(ids[0], "Good"), new(ids[1], "Bad", "crate 6 off"), new(ids[2], "Good")]));
        labelled.EnsureSuccessStatusCode();
        Api.As("bob", [HydraRoles.Labeler], ["*"]);
        (await Api.PostAsJsonAsync("/api/v1/labels", new LabelBatch("bob", [new(ids[2], null)]))).EnsureSuccessStatusCode(); // an erase, into the history
        Api.AsAdmin();

        var original = new NpgsqlConnectionStringBuilder(DatabaseConnectionString).Database!;
        var before = await FingerprintsAsync(original);
        Assert.Equal(6, before["images"].Rows);
        Assert.Equal(6, before["verdicts"].Rows);
        Assert.Equal(2, before["image_labels"].Rows);
        Assert.Equal(4, before["label_changes"].Rows);

        var archive = Path.Combine(Path.GetTempPath(), $"hydra-backup-{Guid.NewGuid():N}.dump");
        try
        {
            Assert.Equal(0, await RunScriptAsync("backup.sh", original, archive));
            Assert.True(new FileInfo(archive).Length > 0);

            // Lose the original: every replica stops, the database is dropped.
            await Host.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE {original} WITH (FORCE)");

            var restored = "restored_" + Guid.NewGuid().ToString("N")[..12];
            Assert.Equal(0, await RunScriptAsync("restore.sh", archive, restored));
            var after = await FingerprintsAsync(restored);
            foreach (var table in Tables) Assert.Equal(before[table], after[table]);

            // A second restore onto data is refused unless asked to replace it.
            Assert.NotEqual(0, await RunScriptAsync("restore.sh", archive, restored));
            NpgsqlConnection.ClearAllPools();
            Assert.Equal(0, await RunScriptAsync("restore.sh", archive, restored, "--replace"));
            Assert.Equal(before["verdicts"], (await FingerprintsAsync(restored))["verdicts"]);

            // Inference on the restored database: schema current, the same verdicts and labels.
            var (_, api) = await StartReplicaAsync(s => s["ConnectionStrings:monitoring-db"] = Servers.ConnectionString(restored));
            foreach (var id in ids)
            {
                var verdict = await api.GetFromJsonAsync<VerdictView>($"/api/v1/images/{id}", HydraJson.Options);
                Assert.Equal(JsonSerializer.Serialize(verdicts[id], HydraJson.Options), JsonSerializer.Serialize(verdict, HydraJson.Options));
                Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/api/v1/images/{id}/png")).StatusCode);
            }
            var history = await api.GetFromJsonAsync<List<LabelView>>($"/api/v1/images/{ids[1]}/labels", HydraJson.Options);
            Assert.Equal(("Bad", "alice", "crate 6 off"), (history![^1].Classification, history[^1].By, history[^1].Comment));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private sealed record Fingerprint(long Rows, string Md5);

    /// <summary>Each table's row count and an md5 over its rows in a fixed order: equal means identical.</summary>
    private async Task<Dictionary<string, Fingerprint>> FingerprintsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        var result = new Dictionary<string, Fingerprint>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[table] = new Fingerprint(reader.GetInt64(0), reader.GetString(1));
        }
        return result;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString("postgres"));
        await connection.OpenAsync();
        // DROP DATABASE waits for a checkpoint, which after the whole suite's writes on a busy
        // machine took longer than Npgsql's default 30 s.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 180 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs eng/&lt;script&gt; with libpq's environment pointing at the test server; returns its exit code.</summary>
    private async Task<int> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(AppContext.BaseDirectory, "eng", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGHOST"] = "127.0.0.1";
        start.Environment["PGPORT"] = Servers.PostgresPort.ToString();
        start.Environment["PGUSER"] = "postgres";
        start.Environment["PGPASSWORD"] = Servers.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine($"{script}: {await output}{await error}");
        return process.ExitCode;
    }
}
