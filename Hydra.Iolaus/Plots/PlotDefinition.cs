using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Plots;

/// <summary>One image mon12 saves for Hydra: its file name, the detector group it belongs to, and how to build it for a chunk.</summary>
public sealed record PlotDefinition(string Name, string Detector, Func<ChunkContext, PlotCanvas> Build);
