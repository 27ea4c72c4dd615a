using System.Net;
using System.Net.Http.Json;
using Hydra.Assistant.Data;
using Hydra.Assistant.Logbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Assistant.Tests;

/// <summary>Importing logbook exports (JSON and CSV, API and command line): good rows in, bad rows reported by line.</summary>
public sealed class LogbookImportTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    [Fact]
    public async Task Iolaus_logbook_imports_as_JSON_and_CSV_with_embeddings_runs_and_tags_and_twice_is_once()
    {
        var json = await ImportAsync(await File.ReadAllTextAsync(DataFile("run-16042-logbook.json")), "json");
        Assert.Equal(8, json.Imported);
        Assert.Empty(json.Errors);

        // The CSV of the same logbook holds the same entries: nothing new.
        var csv = await ImportAsync(await File.ReadAllTextAsync(DataFile("run-16042-logbook.csv")), "csv");
        Assert.Equal((0, 8), (csv.Imported, csv.Duplicates));
        Assert.Empty(csv.Errors);

        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssistantDb>();
        var trip = await db.LogbookEntries.SingleAsync(e => e.Title.StartsWith("ECAL sector 2 HV board out"));
        Assert.Equal("ECAL expert", trip.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 26, 0, TimeSpan.Zero), trip.CreatedAt);
        Assert.Equal(["ECAL", "HV"], trip.Tags);
        Assert.Equal([16042], trip.RunNumbers);
        Assert.Equal(TextEmbedder.Dimensions, trip.Embedding.Length);
        Assert.Equal(1.0, Math.Sqrt(trip.Embedding.Sum(v => (double)v * v)), 3);
    }

    [Fact]
    public async Task Bad_CSV_rows_are_reported_by_line_and_the_good_rows_still_imported()
    {
        var csv = string.Join('\n',
            "title,body,author,time,tags,run",
            "\"Good one\",\"ECAL HV board reset, see run 16042 and runs 16043-16044\",\"ECAL expert\",2026-11-27T09:20:00Z,\"ECAL;HV\",16042",
            ",\"no title\",\"x\",2026-11-27T09:21:00Z,,16042",
            "\"Bad time\",\"body\",\"x\",yesterday noon,,16042",
            "\"Bad run\",\"body\",\"x\",2026-11-27T09:22:00Z,,run-abc",
            "\"Too few fields\",\"body\"",
            "\"A body over two lines\",\"first line",
            "second line\",\"Shift leader\",2026-11-27T09:30:00Z,shift,",
            "\"Last good\",\"body\",\"Shift leader\",2026-11-27T09:40:00Z,shift,16042") + "\n";

        var result = await ImportAsync(csv, "csv");

        Assert.Equal(3, result.Imported);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Line));
        Assert.Contains("missing title", result.Errors[0].Error);
        Assert.Contains("yesterday noon", result.Errors[1].Error);
        Assert.Contains("run-abc", result.Errors[2].Error);
        Assert.Contains("fields", result.Errors[3].Error);

        var good = await Api.GetFromJsonAsync<List<LogbookHit>>("/api/v1/logbook/search?q=Good%20one%20ECAL%20HV");
        Assert.Equal([16042, 16043, 16044], good![0].RunNumbers);
    }

    [Fact]
    public async Task Bad_JSON_entries_are_reported_by_line()
    {
        var json = """
            [
              {"title": "Fine", "body": "DC crate 44 power-cycled", "author": "DC expert", "time": "2026-11-27T09:50:00Z", "tags": ["DC"], "runNumber": 16042},
              {"title": "No author", "body": "x", "time": "2026-11-27T09:51:00Z"},
              "not an entry",
              {"title": "Bad run", "body": "x", "author": "y", "time": "2026-11-27T09:52:00Z", "runNumber": -4}
            ]
            """;
        var result = await ImportAsync(json, "json");

        Assert.Equal(1, result.Imported);
        Assert.Equal([3, 4, 5], result.Errors.Select(e => e.Line));
        Assert.Contains("missing author", result.Errors[0].Error);
    }

    [Fact]
    public async Task An_empty_or_missing_import_is_a_clear_400()
    {
        using var response = await Api.PostAsync("/api/v1/logbook/import", new StringContent(""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var search = await Api.GetAsync("/api/v1/logbook/search");
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
    }

    [Fact]
    public async Task The_command_line_imports_a_file_into_the_database()
    {
        var database = await Fixture.CreateDatabaseAsync();
        var output = new StringWriter();
        Environment.SetEnvironmentVariable("ConnectionStrings__assistant-db", database);
        try
        {
            var exit = await LogbookCommand.RunAsync(["import", DataFile("history-logbook.json")], output);
            Assert.Equal(0, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__assistant-db", null);
        }
        Assert.Contains("8 entries imported, 0 already there, 0 bad rows", output.ToString());

        await using var db = new AssistantDb(new DbContextOptionsBuilder<AssistantDb>().UseNpgsql(database).UseSnakeCaseNamingConvention().Options);
        Assert.Equal(8, await db.LogbookEntries.CountAsync());
        Assert.Equal(4412001, (await db.LogbookEntries.SingleAsync(e => e.Title == "ECAL sector 2 HV trip")).LogNumber);
    }
}
