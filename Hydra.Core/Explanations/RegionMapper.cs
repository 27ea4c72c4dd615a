using Hydra.Core.Detectors;
using Hydra.Core.Plots;
using Hydra.Core.TranslationTables;

namespace Hydra.Core.Explanations;

/// <summary>
/// Turns a class activation map into the few regions a detector expert would look at: cells above
/// half the map's maximum, grouped into connected regions, strongest first; each region's pixels
/// are mapped through the plot's layout to detector channels and through the translation table to
/// crates and slots. "ECAL sector 2, layers 4-6, strips 1-12: crate 6, slots 3-4" is an answer a
/// shift crew can act on; a heat map alone is not.
/// </summary>
public static class RegionMapper
{
    public const int MaxRegions = 3;
    private const double HotFraction = 0.5;
    private const int MaxSamplesPerRegion = 600;
    private static readonly Lazy<Dictionary<string, TranslationTable>> Tables = new(() =>
        TranslationTableGenerator.ForAllDetectors().ToDictionary(t => t.Detector.Name, StringComparer.OrdinalIgnoreCase));

    /// <param name="cam">Row-major map values, <paramref name="camWidth"/> x <paramref name="camHeight"/>.</param>
    public static IReadOnlyList<HotRegion> Map(float[] cam, int camWidth, int camHeight, int imageWidth, int imageHeight, PlotLayout? layout)
    {
        var max = cam.Length == 0 ? 0 : cam.Max();
        if (max <= 0 || !float.IsFinite(max)) return [];
        var total = cam.Where(v => v > 0).Sum(v => (double)v);
        return Components(cam, camWidth, camHeight, (float)(max * HotFraction))
            .Select(cells => (Cells: cells, Weight: cells.Sum(c => (double)cam[c]) / total))
            .OrderByDescending(r => r.Weight)
            .Take(MaxRegions)
            .Select(r => Describe(r.Cells, r.Weight, camWidth, camHeight, imageWidth, imageHeight, layout))
            .ToList();
    }

    /// <summary>4-connected groups of cells at or above the threshold.</summary>
    private static List<List<int>> Components(float[] cam, int width, int height, float threshold)
    {
        var seen = new bool[cam.Length];
        var regions = new List<List<int>>();
        for (var start = 0; start < cam.Length; start++)
        {
            if (seen[start] || cam[start] < threshold) continue;
            var region = new List<int>();
            var stack = new Stack<int>([start]);
            seen[start] = true;
            while (stack.TryPop(out var cell))
            {
                region.Add(cell);
                int x = cell % width, y = cell / width;
                foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
                {
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                    var next = ny * width + nx;
                    if (seen[next] || cam[next] < threshold) continue;
                    seen[next] = true;
                    stack.Push(next);
                }
            }
            regions.Add(region);
        }
        return regions;
    }

    private static HotRegion Describe(List<int> cells, double weight, int camWidth, int camHeight, int imageWidth, int imageHeight, PlotLayout? layout)
    {
        int x0 = cells.Min(c => c % camWidth), x1 = cells.Max(c => c % camWidth);
        int y0 = cells.Min(c => c / camWidth), y1 = cells.Max(c => c / camWidth);
        var left = x0 * imageWidth / camWidth;
        var top = y0 * imageHeight / camHeight;
        var pixels = new PixelRect(left, top,
            Math.Max(1, (x1 + 1) * imageWidth / camWidth - left), Math.Max(1, (y1 + 1) * imageHeight / camHeight - top));

        var locations = layout is null ? [] : Sample(pixels, layout, imageWidth, imageHeight).ToList();
        var pad = locations.GroupBy(l => l.Pad).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        var padLayout = pad is null ? null : layout!.Pads.FirstOrDefault(p => p.Index == pad);
        var detector = padLayout?.Map?.Detector;
        var channels = locations.Where(l => l.Pad == pad && l.Channel is not null).Select(l => l.Channel!.Value).Distinct().ToList();
        var electronics = detector is null ? [] : Electronics(detector, channels);

        var region = new HotRegion(Math.Round(weight, 3), pixels, pad, padLayout?.Title, detector,
            [.. channels.Select(c => c.Sector).Distinct().Order()],
            [.. channels.Select(c => c.Layer).Distinct().Order()],
            channels.Count == 0 ? null : channels.Min(c => c.Component),
            channels.Count == 0 ? null : channels.Max(c => c.Component),
            electronics, "");
        return region with { Summary = Summarize(region) };
    }

    /// <summary>Image pixels on a grid over the region, scaled into the layout's own size.</summary>
    private static IEnumerable<PlotLocation> Sample(PixelRect rect, PlotLayout layout, int imageWidth, int imageHeight)
    {
        var step = Math.Max(1, (int)Math.Sqrt((double)rect.Width * rect.Height / MaxSamplesPerRegion));
        for (var y = rect.Y; y < rect.Y + rect.Height; y += step)
        {
            for (var x = rect.X; x < rect.X + rect.Width; x += step)
            {
                var location = layout.Locate(x * layout.Width / imageWidth, y * layout.Height / imageHeight);
                if (location is not null) yield return location;
            }
        }
    }

    private static IReadOnlyList<CrateSlot> Electronics(string detector, IEnumerable<DetectorChannel> channels)
    {
        if (!Tables.Value.TryGetValue(detector, out var table)) return [];
        var readouts = table.Detector.Readouts;
        return channels
            .SelectMany(channel => readouts.Select(readout => table.ToElectronics(new ReadoutChannel(channel, readout))))
            .Where(address => address is not null)
            .Select(address => new CrateSlot(address!.Value.Crate, address.Value.Slot))
            .Distinct().OrderBy(c => c.Crate).ThenBy(c => c.Slot).ToList();
    }

    public static string Summarize(HotRegion region)
    {
        if (region.Detector is null)
        {
            return region.PadTitle is null
                ? $"pixels {region.Pixels.X}-{region.Pixels.X + region.Pixels.Width}, {region.Pixels.Y}-{region.Pixels.Y + region.Pixels.Height}"
                : $"pad {region.Pad} ({region.PadTitle})";
        }
        var parts = new List<string> { region.Detector };
        if (region.Sectors.Count > 0) parts.Add($"sector {Ranges(region.Sectors)}");
        if (region.Layers.Count > 0) parts.Add($"layer {Ranges(region.Layers)}");
        if (region.FirstComponent is { } first) parts.Add(first == region.LastComponent ? $"component {first}" : $"components {first}-{region.LastComponent}");
        var text = string.Join(", ", parts);
        if (region.Electronics.Count > 0)
        {
            text += ": " + string.Join("; ", region.Electronics.GroupBy(e => e.Crate).Select(g => $"crate {g.Key} slot {Ranges(g.Select(e => e.Slot).ToList())}"));
        }
        return text;
    }

    /// <summary>1,2,3,5 → "1-3, 5".</summary>
    public static string Ranges(IReadOnlyList<int> values)
    {
        var sorted = values.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
