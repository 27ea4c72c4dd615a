using System.Collections.Concurrent;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.PlotTypes;

/// <summary>
/// Plot type ids by name, registering a name the first time it arrives. Ids never change once
/// given, so they are cached: at hundreds of images a second the lookup must not cost a query.
/// </summary>
public sealed class PlotTypeRegistry
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, (DateTimeOffset ReadAt, double Share)> _collectShares = new();

    /// <summary>The detector group a new plot type is filed under: mon12 names are <c>&lt;DETECTOR&gt;_&lt;tab&gt;</c>.</summary>
    public static string DetectorOf(string plotName)
    {
        var separator = plotName.IndexOf('_');
        var prefix = separator > 0 ? plotName[..separator] : plotName;
        return prefix.Length <= 30 ? prefix : prefix[..30];
    }

    public async Task<int?> FindAsync(MonitoringDb db, string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(name, out var cached)) return cached;
        var id = await db.PlotTypes.Where(p => p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } found) _ids[name] = found;
        return id;
    }

    /// <summary>The plot type's collect share, re-read at most once a minute (experts change it rarely).</summary>
    public async Task<double> CollectShareAsync(MonitoringDb db, int plotTypeId, CancellationToken cancellationToken)
    {
        if (_collectShares.TryGetValue(plotTypeId, out var cached) && DateTimeOffset.UtcNow - cached.ReadAt < TimeSpan.FromMinutes(1)) return cached.Share;
        var share = await db.PlotTypes.Where(p => p.Id == plotTypeId).Select(p => p.CollectShare).FirstAsync(cancellationToken);
        _collectShares[plotTypeId] = (DateTimeOffset.UtcNow, share);
        return share;
    }

    /// <summary>Registers the plot type if no replica has yet (ON CONFLICT makes the race harmless).</summary>
    public async Task<int> GetOrRegisterAsync(MonitoringDb db, string name, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, name, cancellationToken) is { } known) return known;

        var detector = DetectorOf(name);
        var now = DateTimeOffset.UtcNow;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO plot_types (name, detector, is_chunked, collect_share, is_ignored, registered_at)
            VALUES ({name}, {detector}, TRUE, 0.1, FALSE, {now})
            ON CONFLICT (name) DO NOTHING
            """, cancellationToken);
        return await FindAsync(db, name, cancellationToken)
            ?? throw new InvalidOperationException($"plot type {name} vanished right after it was registered");
    }
}
