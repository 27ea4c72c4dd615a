using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Runs;

/// <summary>Runs as the API shows them.</summary>
public static class RunQueries
{
    public static IQueryable<RunView> Views(IQueryable<Run> runs) =>
        runs.Select(r => new RunView(
            r.RunNumber,
            r.RunPeriod != null ? r.RunPeriod.Name : null,
            r.StartedAt,
            r.EndedAt,
            r.BeamCurrentNanoAmps,
            r.Target,
            r.TorusScale,
            r.SolenoidScale));

    public static Task<List<RunView>> ViewsAsync(MonitoringDb db, IReadOnlyCollection<int> runNumbers, CancellationToken cancellationToken) =>
        Views(db.Runs.Where(r => runNumbers.Contains(r.RunNumber))).ToListAsync(cancellationToken);
}
