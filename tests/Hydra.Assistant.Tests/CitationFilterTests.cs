using Hydra.Assistant.Chat;
using Hydra.Assistant.Tools;

namespace Hydra.Assistant.Tests;

/// <summary>Citations are checked as the answer streams, also when one arrives in pieces.</summary>
public sealed class CitationFilterTests
{
    [Fact]
    public void A_citation_split_across_deltas_is_held_back_then_checked()
    {
        var sources = new TurnSources();
        sources.Add(Source.ForAlarm(102, "ECAL alarm"));
        var filter = new CitationFilter(sources);

        var shown = new[] { "ECAL is bad [ala", "rm:102] and [log", "book:9", "] too. Array [3] stays." }.Select(filter.Push).ToList();
        shown.Add(filter.Flush());

        Assert.Equal(["ECAL is bad ", "[alarm:102] and ", "", " too. Array [3] stays.", ""], shown);
        Assert.Equal(1, filter.Removed);
        Assert.Equal([102L], filter.Cited.Select(s => s.Id));
    }

    [Fact]
    public void An_unclosed_bracket_does_not_hold_the_text_back_for_long()
    {
        var filter = new CitationFilter(new TurnSources());
        Assert.Equal("See ", filter.Push("See [note"));
        Assert.Equal("[note: this bracket never closes and the text goes on", filter.Push(": this bracket never closes and the text goes on"));
    }

    [Fact]
    public void A_configured_endpoint_makes_a_chat_client_and_none_means_offline()
    {
        Assert.Null(new LanguageModelOptions().CreateClient());
        Assert.Null(new LanguageModelOptions { Endpoint = "http://localhost:11434/v1" }.CreateClient());
        var client = new LanguageModelOptions { Endpoint = "http://localhost:11434/v1", Model = "llama3.1" }.CreateClient();
        var metadata = (Microsoft.Extensions.AI.ChatClientMetadata)client!.GetService(typeof(Microsoft.Extensions.AI.ChatClientMetadata))!;
        Assert.Equal(("llama3.1", "localhost"), (metadata.DefaultModelId, metadata.ProviderUri?.Host));
    }
}
