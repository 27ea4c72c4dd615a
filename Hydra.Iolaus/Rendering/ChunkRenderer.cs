using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Rendering;

/// <summary>Renders every plot of one chunk, on all cores: one image per plot, each with its layout.</summary>
public sealed class ChunkRenderer(PlotRenderer? renderer = null)
{
    private readonly PlotRenderer _renderer = renderer ?? new PlotRenderer();

    public IReadOnlyList<RenderedPlot> Render(RunConditions run, int chunk, int seed, IReadOnlyList<Fault> faults, IEnumerable<PlotDefinition>? plots = null)
    {
        var context = new ChunkContext(run, chunk, seed, faults);
        var selected = (plots ?? PlotCatalog.All).ToArray();
        var rendered = new RenderedPlot[selected.Length];
        // Each plot draws from its own seeded generator, so the order plots finish in changes nothing.
        // One plot per core: a plot takes long enough that an unbounded loop grows the thread pool
        // (see DatasetWriter.MaxDegreeOfParallelism), and a stream renders a chunk every few minutes all night.
        Parallel.For(0, selected.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => rendered[i] = _renderer.Render(selected[i].Build(context)));
        return rendered;
    }
}
