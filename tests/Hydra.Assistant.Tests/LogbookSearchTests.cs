using System.Net.Http.Json;
using Hydra.Assistant.Logbook;

namespace Hydra.Assistant.Tests;

/// <summary>Hybrid retrieval: keywords find exact words, embeddings find meaning, fused by rank.</summary>
public sealed class LogbookSearchTests(AssistantFixture fixture) : AssistantTestBase(fixture)
{
    protected override bool ReadsOnly => true;

    [Theory]
    // Exact words: a crate number.
    [InlineData("crate 44", "DC crate 44 knocked out")]
    // Meaning more than words: only "tripped" is shared; "high voltage" and "calorimeter" appear in no entry.
    [InlineData("high voltage tripped in the calorimeter", "ECAL sector 2 HV trip")]
    [InlineData("who changed the cryotarget to deuterium", "Target changed to LD2")]
    [InlineData("accelerator beam gone", "Beam off")]
    [InlineData("magnetic field settings", "Torus and solenoid at full field")]
    [InlineData("drift chamber readout crate rebooted", "DC sector 5 region 3 occupancy low")]
    [InlineData("LTCC plots stopped updating", "LTCC monitoring restarted")]
    public async Task Hybrid_search_ranks_the_right_entry_first(string query, string expectedTitle)
    {
        var hits = await SearchAsync($"q={Uri.EscapeDataString(query)}");
        Assert.Equal(expectedTitle, hits[0].Title);
    }

    [Fact]
    public async Task Both_halves_contribute_and_say_so()
    {
        var hits = await SearchAsync("q=ECAL%20sector%202%20HV%20trip");
        Assert.Contains("keyword", hits[0].MatchedBy);
        Assert.Contains("semantic", hits[0].MatchedBy);
        // Words no entry has: keywords find nothing, and embeddings below the similarity floor are not passed off as matches.
        Assert.Empty(await SearchAsync("q=zeppelin%20airship%20mooring"));
    }

    [Fact]
    public async Task A_run_filter_keeps_only_entries_that_name_the_run()
    {
        var hits = await SearchAsync("q=ECAL%20HV%20trip&run=15990");
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(15990, h.RunNumbers));
        Assert.Equal("ECAL sector 2 HV trip", hits[0].Title);

        var all = await SearchAsync("run=16042&limit=20");
        Assert.Equal(8, all.Count);
    }

    [Fact]
    public async Task A_search_for_something_the_logbook_never_mentions_finds_no_keyword_match()
    {
        var hits = await SearchAsync("q=zeppelin");
        Assert.DoesNotContain(hits, h => h.MatchedBy.Contains("keyword"));
    }

    private async Task<List<LogbookHit>> SearchAsync(string query) =>
        (await Api.GetFromJsonAsync<List<LogbookHit>>($"/api/v1/logbook/search?{query}"))!;
}
