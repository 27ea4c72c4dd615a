using Hydra.Core.Monitoring;

namespace Hydra.Web.Monitoring;

/// <summary>
/// The Run page's filters: free text (plot name or detector), one detector, one verdict, and the
/// plots this browser hides unless asked to show them. Bad plots are judged by the Bad column, not here.
/// </summary>
public sealed record PlotFilter(string Text = "", string Detector = "", string Verdict = "", bool ShowHidden = false)
{
    public bool Matches(PlotState plot, IReadOnlySet<string> hidden) =>
        (ShowHidden || !hidden.Contains(plot.PlotName))
        && (Detector.Length == 0 || plot.Detector == Detector)
        && (Verdict.Length == 0 || plot.Latest.Classification == Verdict)
        && (Text.Length == 0 || plot.PlotName.Contains(Text, StringComparison.OrdinalIgnoreCase) || plot.Detector.Contains(Text, StringComparison.OrdinalIgnoreCase));

    public List<PlotState> Apply(IEnumerable<PlotState> plots, IReadOnlySet<string> hidden) => [.. plots.Where(p => Matches(p, hidden))];
}
