using System.Collections.Concurrent;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Runs;

/// <summary>
/// Run ids by run number, starting a run when its first image arrives. Optionally a new run ends
/// the runs still open before it: CLAS12 takes one run at a time, and a run left open would make
/// the watchdog cry "no data" about plots that are simply finished.
/// </summary>
public sealed class RunRegistry
{
    private readonly ConcurrentDictionary<int, int> _ids = new();

    public sealed record RunLookup(int RunId, bool Started, IReadOnlyList<int> EndedRunNumbers);

    public async Task<RunLookup> GetOrStartAsync(MonitoringDb db, int runNumber, DateTimeOffset at, bool endOlderRuns, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(runNumber, out var cached)) return new(cached, false, []);

        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO runs (run_number, started_at) VALUES ({runNumber}, {at})
            ON CONFLICT (run_number) DO NOTHING
            """, cancellationToken);
        var runId = await db.Runs.Where(r => r.RunNumber == runNumber).Select(r => r.Id).FirstAsync(cancellationToken);
        _ids[runNumber] = runId;

        IReadOnlyList<int> ended = [];
        if (inserted == 1 && endOlderRuns)
        {
            ended = await db.Database.SqlQuery<int>(
                $"""
                UPDATE runs SET ended_at = {at}
                WHERE ended_at IS NULL AND run_number < {runNumber}
                RETURNING run_number AS "Value"
                """).ToListAsync(cancellationToken);
        }
        return new(runId, inserted == 1, ended);
    }
}
