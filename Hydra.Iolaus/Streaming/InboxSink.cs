using System.Globalization;
using Hydra.Iolaus.Rendering;
using Hydra.Iolaus.Simulation;

namespace Hydra.Iolaus.Streaming;

/// <summary>
/// Writes <c>&lt;inbox&gt;/&lt;run&gt;/&lt;PLOT&gt;_&lt;chunk:0000&gt;.png</c> as mon12 and hydra-linker do. Each file is
/// written under a temporary name and renamed, so a watcher never reads half an image.
/// </summary>
public sealed class InboxSink(string inbox) : IImageSink
{
    public Task BeginRunAsync(RunConditions run, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder(run));
        return Task.CompletedTask;
    }

    public async Task WriteAsync(RunConditions run, RenderedPlot plot, int chunk, double beamCurrentNanoAmps, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder(run), $"{plot.Name}_{chunk:0000}.png");
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, plot.Png, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string Folder(RunConditions run) => Path.Combine(inbox, run.RunNumber.ToString(CultureInfo.InvariantCulture));
}
