using System.Collections.Concurrent;
using System.Text.Json;
using Hydra.Core.Explanations;
using Hydra.Core.Plots;
using Hydra.Inference.Data;
using Hydra.Models.Serving;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Explanations;

/// <summary>
/// Names the hot regions of each verdict's activation map in detector and electronics coordinates,
/// using the plot type's layout when the source sent one (pixels and pads otherwise). Layouts are
/// cached per plot type and re-read every minute, or at once when a new one is stored here.
/// </summary>
public sealed class Explainer(ILogger<Explainer> logger)
{
    private static readonly TimeSpan LayoutFreshFor = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A missing layout is re-read sooner: a source PUTs it right after its first image, and a read
    /// that raced that PUT would otherwise explain a minute of images in pixels only.
    /// </summary>
    private static readonly TimeSpan MissingLayoutFreshFor = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<int, (DateTimeOffset ReadAt, PlotLayout? Layout)> _layouts = new();

    public async Task<List<HotRegion>> ExplainAsync(MonitoringDb db, int plotTypeId, byte[] cam, int imageWidth, int imageHeight, CancellationToken cancellationToken)
    {
        var map = CamMap.FromBytes(cam);
        var layout = await LayoutAsync(db, plotTypeId, cancellationToken);
        return [.. RegionMapper.Map(map.Values, map.Width, map.Height, imageWidth, imageHeight, layout)];
    }

    public void LayoutChanged(int plotTypeId) => _layouts.TryRemove(plotTypeId, out _);

    private async Task<PlotLayout?> LayoutAsync(MonitoringDb db, int plotTypeId, CancellationToken cancellationToken)
    {
        if (_layouts.TryGetValue(plotTypeId, out var cached) && DateTimeOffset.UtcNow - cached.ReadAt < (cached.Layout is null ? MissingLayoutFreshFor : LayoutFreshFor)) return cached.Layout;
        var json = await db.PlotLayouts.Where(l => l.PlotTypeId == plotTypeId).Select(l => l.Layout).FirstOrDefaultAsync(cancellationToken);
        PlotLayout? layout = null;
        if (json is not null)
        {
            try { layout = JsonSerializer.Deserialize<PlotLayout>(json, LayoutJson.Options); }
            catch (JsonException exception) { logger.LogWarning("Layout of plot type {PlotTypeId} unreadable: {Reason}", plotTypeId, exception.Message); }
        }
        _layouts[plotTypeId] = (DateTimeOffset.UtcNow, layout);
        return layout;
    }
}

/// <summary>How layouts are written and read: the web defaults Iolaus also uses.</summary>
public static class LayoutJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
