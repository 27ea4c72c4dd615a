using Hydra.Core.Monitoring;

namespace Hydra.Web.Tests;

/// <summary>Verdicts and plots as Inference sends them, for component tests.</summary>
internal static class Verdicts
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static VerdictView Of(string plot, string classification, int chunk = 42, long imageId = 7, bool hasCam = true, float bad = 0.95f, int run = 16042) =>
        new(imageId * 10, imageId, run, plot, plot.Split('_')[0], chunk, classification, 0.95f, true,
            classification is "NoModel" ? new Dictionary<string, float>() : new Dictionary<string, float> { ["Good"] = 1 - bad, ["Bad"] = bad },
            classification is "NoModel" ? null : Guid.NewGuid(), 50, Start.AddMinutes(chunk), Start.AddMinutes(chunk), hasCam, null);

    public static PlotState Plot(string plot, string classification, bool hasCam = true) => new(plot, plot.Split('_')[0], Of(plot, classification, hasCam: hasCam));

    /// <summary>A hot region as Inference explains it: ECAL sector 2, PCAL U strips 10-20, crate 9 slot 4.</summary>
    public static Hydra.Core.Explanations.HotRegion Region() => new(0.8, new Hydra.Core.Plots.PixelRect(10, 10, 40, 20), 0, "sector 2", "ECAL",
        [2], [1], 10, 20, [], "ECAL sector 2, layer 1, components 10-20 (crate 9 slot 4)");
}
