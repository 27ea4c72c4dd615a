using Hydra.Inference.Data;
using Hydra.Shared;
using System.Globalization;
using Hydra.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Ingest;

/// <summary>
/// Ingests <c>&lt;inbox&gt;/&lt;run&gt;/&lt;PLOT&gt;_&lt;chunk&gt;.png</c> as the monitoring program writes
/// them. The folder is scanned rather than watched with inotify alone: scanning also finds files
/// written while Hydra was down and works on network file systems. A file is read only after its
/// size and time have stood still for the settle time (it may still be being written); symbolic
/// links are followed and only the link is removed. Stored files are deleted; refused ones move to
/// <c>.rejected/</c> with a <c>.reason.txt</c> beside them, so they are not retried every second
/// and a person can see why.
/// </summary>
public sealed class InboxWatcher(
    MigrationProgress<MonitoringDb> migrations, ImageIngest ingest, IOptionsMonitor<HydraOptions> options, TimeProvider clock, ILogger<InboxWatcher> logger) : BackgroundService
{
    public const string RejectedFolder = ".rejected";
    private readonly Dictionary<string, (long Size, DateTime Modified)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        var inbox = options.CurrentValue.Ingest.InboxPath;
        if (string.IsNullOrWhiteSpace(inbox))
        {
            logger.LogInformation("No inbox folder configured (Hydra:Ingest:InboxPath); images arrive by HTTP only");
            return;
        }
        Directory.CreateDirectory(inbox);
        logger.LogInformation("Watching {Inbox} for <run>/<PLOT>_<chunk>.png", inbox);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(inbox, stoppingToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Inbox scan failed: {Reason}", exception.Message);
            }
            await Task.Delay(options.CurrentValue.Ingest.InboxScanInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass over the inbox; returns how many files it stored.</summary>
    public async Task<int> ScanAsync(string inbox, CancellationToken cancellationToken)
    {
        var stored = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Candidates(inbox))
        {
            present.Add(file.FullName);
            if (!HasSettled(file)) continue;
            if (await IngestFileAsync(inbox, file, cancellationToken)) stored++;
        }
        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        return stored;
    }

    private static IEnumerable<FileInfo> Candidates(string inbox)
    {
        foreach (var entry in new DirectoryInfo(inbox).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.')) continue;
            if (entry is FileInfo loose)
            {
                yield return loose; // not in a run folder: refused with that reason
                continue;
            }
            foreach (var file in ((DirectoryInfo)entry).EnumerateFiles())
            {
                // Writers that write-then-rename (Iolaus: .partial) are never read half-written.
                if (file.Name.StartsWith('.') || file.Name.EndsWith(".partial", StringComparison.Ordinal)) continue;
                yield return file;
            }
        }
    }

    private bool HasSettled(FileInfo file)
    {
        var target = Resolve(file);
        if (target is null) return true; // a dangling link: refused below with a reason
        var now = clock.GetUtcNow().UtcDateTime;
        var state = (target.Length, target.LastWriteTimeUtc);
        var settled = _seen.TryGetValue(file.FullName, out var before) && before == state
            && now - target.LastWriteTimeUtc >= options.CurrentValue.Ingest.InboxSettleTime;
        _seen[file.FullName] = state;
        return settled;
    }

    /// <summary>The regular file behind a path (following links), or null when there is none.</summary>
    private static FileInfo? Resolve(FileInfo file)
    {
        if (file.LinkTarget is null) return file.Exists ? file : null;
        var target = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        return target is { Exists: true } ? target : null;
    }

    private async Task<bool> IngestFileAsync(string inbox, FileInfo file, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Ingest;
        var runFolder = file.Directory!.FullName == Path.GetFullPath(inbox).TrimEnd(Path.DirectorySeparatorChar) ? null : file.Directory.Name;
        if (runFolder is null || !int.TryParse(runFolder, NumberStyles.None, CultureInfo.InvariantCulture, out var runNumber) || runNumber <= 0)
        {
            Reject(inbox, file, $"not in a run folder: expected <inbox>/<run number>/<PLOT>_<chunk>.png");
            return false;
        }
        if (!ImageName.TryParse(file.Name, out var name, out var nameError))
        {
            Reject(inbox, file, nameError);
            return false;
        }
        var target = Resolve(file);
        if (target is null)
        {
            Reject(inbox, file, "a symbolic link to nothing (or not to a regular file)");
            return false;
        }
        if (target.Length > settings.MaxImageBytes)
        {
            Reject(inbox, file, $"the image has {target.Length:N0} bytes; the limit is {settings.MaxImageBytes:N0}");
            return false;
        }

        var png = await File.ReadAllBytesAsync(target.FullName, cancellationToken);
        var request = new IngestRequest(runNumber, name.PlotName, name.Chunk, png, new DateTimeOffset(target.LastWriteTimeUtc, TimeSpan.Zero), null, file.FullName);
        var (accepted, error) = await ingest.IngestAsync(request, cancellationToken);
        if (error is { Kind: IngestErrorKind.Unavailable }) return false; // left in place; next scan retries
        if (error is not null)
        {
            Reject(inbox, file, error.Message);
            return false;
        }

        File.Delete(file.FullName); // for a link, the link only: the monitoring's own file is its business
        _seen.Remove(file.FullName);
        return accepted is { Duplicate: false };
    }

    private void Reject(string inbox, FileInfo file, string reason)
    {
        var run = file.Directory!.Name;
        var folder = Path.Combine(inbox, RejectedFolder, file.Directory.FullName == Path.GetFullPath(inbox).TrimEnd(Path.DirectorySeparatorChar) ? "_" : run);
        Directory.CreateDirectory(folder);
        var destination = Path.Combine(folder, file.Name);
        File.Move(file.FullName, destination, overwrite: true);
        File.WriteAllText(destination + ".reason.txt", reason + Environment.NewLine);
        _seen.Remove(file.FullName);
        logger.LogWarning("Inbox refused {File}: {Reason} (moved to {Destination})", file.FullName, reason, destination);
    }
}
