using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hydra.Core.Monitoring;

/// <summary>
/// The name mon12 gives a saved image, <c>&lt;PLOT&gt;_&lt;chunk&gt;.png</c> (e.g.
/// <c>ECAL_adcOccupancy_0042.png</c>, <c>DC_occupancyNorm_s3_0007.png</c>). The plot name may itself
/// contain underscores, so the chunk is the digits after the <em>last</em> one.
/// </summary>
public sealed partial record ImageName(string PlotName, int Chunk)
{
    public const int MaxPlotNameLength = 100;

    /// <summary>
    /// Letters, digits and underscores, starting with a letter: every mon12 name fits, and nothing
    /// that could climb out of a folder (<c>..</c>, <c>/</c>, <c>\</c>) or hide in a log line does.
    /// </summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlotNamePattern();

    public string FileName => $"{PlotName}_{Chunk:0000}.png";

    public static bool IsValidPlotName([NotNullWhen(true)] string? plotName) =>
        plotName is { Length: > 0 and <= MaxPlotNameLength } && PlotNamePattern().IsMatch(plotName);

    /// <summary>Reads a file name; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string fileName, [NotNullWhen(true)] out ImageName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (!fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{Printable(fileName)}' is not named <PLOT>_<chunk>.png";
            return false;
        }

        var stem = fileName[..^4];
        var separator = stem.LastIndexOf('_');
        if (separator <= 0 || !TryParseChunk(stem[(separator + 1)..], out var chunk))
        {
            error = $"'{Printable(fileName)}' has no chunk number: expected <PLOT>_<chunk>.png, e.g. ECAL_adcOccupancy_0042.png";
            return false;
        }

        var plotName = stem[..separator];
        if (!IsValidPlotName(plotName))
        {
            error = $"'{Printable(plotName)}' is not a plot name: letters, digits and '_' only, starting with a letter, at most {MaxPlotNameLength} characters";
            return false;
        }

        name = new ImageName(plotName, chunk);
        error = null;
        return true;
    }

    public static bool TryParseChunk(string text, out int chunk) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chunk);

    /// <summary>A name quoted back in an error or a log line, without control characters and not endless.</summary>
    public static string Printable(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).Take(120).ToArray());
        return text.Length > 120 ? clean + "…" : clean;
    }
}
