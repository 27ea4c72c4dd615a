using System.Text.Json;
using Hydra.Models.Training;

namespace Hydra.Models.Tests;

/// <summary>The committed default models' cards: what the seeder installs and what explains a threshold.</summary>
public sealed class DefaultModelCardTests
{
    [Fact]
    public void Every_card_reads_and_its_threshold_history_is_an_unbroken_chain_ending_at_the_threshold()
    {
        var files = TestModels.DefaultModelFiles("*.json");
        foreach (var file in files)
        {
            var card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(file), ModelCard.Json)!;
            var name = Path.GetFileName(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), card.Plot);
            // The source says how the model was trained; the history, not the source, grows with calibrations.
            Assert.DoesNotContain("threshold", card.Source, StringComparison.OrdinalIgnoreCase);
            foreach (var changes in (card.ThresholdHistory ?? []).GroupBy(c => c.Label))
            {
                var chain = changes.ToList();
                for (var i = 1; i < chain.Count; i++) Assert.True(chain[i].From == chain[i - 1].To, $"{name}: change {i} starts where {i - 1} did not end");
                Assert.True(chain[^1].To == card.Thresholds[changes.Key], $"{name}: the history ends at {chain[^1].To}, the card says {card.Thresholds[changes.Key]}");
                Assert.All(chain, c => Assert.False(string.IsNullOrWhiteSpace(c.Rule) || string.IsNullOrWhiteSpace(c.Evidence), name));
            }
        }
    }
}
