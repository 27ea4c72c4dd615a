using System.Diagnostics;
using Hydra.Iolaus.Faults;
using Hydra.Iolaus.Plots;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

// Target (issue: Iolaus): rendering the ~95 plots of one chunk takes under 2 s on this 2-core machine.
const int chunks = 5;
var renderer = new ChunkRenderer();
var run = RunConditions.Default();
Fault[] faults = [new CrateKnockOut("ECAL", 9)];

renderer.Render(run, 0, 1, faults); // warm-up: JIT, fonts, translation tables

Console.WriteLine($"Iolaus chunk rendering: {PlotCatalog.All.Count} plots per chunk, {Environment.ProcessorCount} cores, {chunks} chunks");
var chunkTimes = new List<double>();
var bytes = 0L;
for (var chunk = 1; chunk <= chunks; chunk++)
{
    var watch = Stopwatch.StartNew();
    var plots = renderer.Render(run, chunk, 1, faults);
    watch.Stop();
    chunkTimes.Add(watch.Elapsed.TotalMilliseconds);
    bytes += plots.Sum(p => p.Png.Length);
    Console.WriteLine($"  chunk {chunk}: {watch.Elapsed.TotalMilliseconds,7:0} ms");
}

// One core, one plot at a time: which plots cost the most.
var perPlot = PlotCatalog.All.Select(plot =>
{
    var context = new ChunkContext(run, 1, 1, faults);
    var plotRenderer = new PlotRenderer();
    var watch = Stopwatch.StartNew();
    var canvas = plot.Build(context);
    var simulate = watch.Elapsed.TotalMilliseconds;
    plotRenderer.Render(canvas);
    return (plot.Name, Ms: watch.Elapsed.TotalMilliseconds, Simulate: simulate);
}).OrderByDescending(p => p.Ms).ToList();

var ordered = chunkTimes.Order().ToList();
Console.WriteLine($"chunk: median {ordered[ordered.Count / 2]:0} ms, worst {ordered[^1]:0} ms (target < 2000 ms)");
Console.WriteLine($"per plot on one core: median {perPlot[perPlot.Count / 2].Ms:0.0} ms, sum {perPlot.Sum(p => p.Ms):0} ms; slowest:");
Console.WriteLine($"  of which simulation {perPlot.Sum(p => p.Simulate):0} ms, drawing and PNG encoding {perPlot.Sum(p => p.Ms - p.Simulate):0} ms");
foreach (var (name, ms, simulate) in perPlot.Take(5)) Console.WriteLine($"  {name,-24} {ms,6:0.0} ms ({simulate:0.0} ms simulation)");
Console.WriteLine($"PNG size: {bytes / chunks / 1024.0 / 1024.0:0.0} MB per chunk, {bytes / chunks / PlotCatalog.All.Count / 1024.0:0} kB per plot");
