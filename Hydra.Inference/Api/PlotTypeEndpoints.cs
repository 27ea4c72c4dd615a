using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Verdicts;
using System.Text.Json;
using Hydra.Core.Plots;
using Hydra.Inference.Explanations;
using Hydra.Inference.PlotTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Api;

/// <summary>Plot types and their verdict history (the Timeline page).</summary>
public static class PlotTypeEndpoints
{
    public static RouteGroupBuilder MapPlotTypeEndpoints(this RouteGroupBuilder api)
    {
        var plots = api.MapGroup("/plot-types").WithTags("Plot types");

        plots.MapGet("/", async (MonitoringDb db, CancellationToken ct) =>
                await db.PlotTypes.OrderBy(p => p.Detector).ThenBy(p => p.Name)
                    .Select(p => new PlotTypeView(p.Id, p.Name, p.Detector, p.IsChunked, p.IsIgnored, p.CollectShare, p.ActiveModelId, p.RegisteredAt))
                    .ToListAsync(ct))
            .WithSummary("Every plot type Hydra has seen, by detector.");

        plots.MapGet("/{name}/verdicts", async (string name, int? run, DateTimeOffset? from, DateTimeOffset? to, int? limit, MonitoringDb db, CancellationToken ct) =>
            {
                if (!ImageName.IsValidPlotName(name) || !await db.PlotTypes.AnyAsync(p => p.Name == name, ct))
                {
                    return Results.Problem($"no plot type '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound, title: "No such plot type");
                }
                var verdicts = db.Verdicts.Where(v => v.Image!.PlotType!.Name == name);
                if (run is not null) verdicts = verdicts.Where(v => v.Image!.Run!.RunNumber == run);
                if (from is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt >= from);
                if (to is not null) verdicts = verdicts.Where(v => v.Image!.RecordedAt <= to);
                var newest = await VerdictQueries.Views(verdicts.OrderByDescending(v => v.Image!.RecordedAt).Take(Limits.Clamp(limit, 1000))).ToListAsync(ct);
                return Results.Ok(newest.OrderBy(v => v.RecordedAt).ToList());
            })
            .Produces<List<VerdictView>>()
            .WithSummary("A plot type's verdicts in time order, every class score included: the timeline of one plot.");
        plots.MapPut("/{name}/layout", async (string name, HttpRequest request, MonitoringDb db, PlotTypeRegistry registry, Explainer explainer, IOptionsMonitor<HydraOptions> options, CancellationToken ct) =>
            {
                if (!ImageName.IsValidPlotName(name)) return Results.Problem($"'{ImageName.Printable(name)}' is not a plot name", statusCode: StatusCodes.Status400BadRequest);
                if (request.ContentLength > MaxLayoutBytes) return Results.Problem($"a layout is at most {MaxLayoutBytes:N0} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
                PlotLayout? layout;
                try { layout = await JsonSerializer.DeserializeAsync<PlotLayout>(request.Body, LayoutJson.Options, ct); }
                catch (JsonException exception) { return Results.Problem($"not a plot layout: {exception.Message}", statusCode: StatusCodes.Status400BadRequest); }
                if (layout is null || layout.Width is <= 0 or > 10_000 || layout.Height is <= 0 or > 10_000 || layout.Pads is null || layout.Pads.Count > 100)
                {
                    return Results.Problem("a layout needs a width and height (1 to 10,000 px) and at most 100 pads", statusCode: StatusCodes.Status400BadRequest);
                }
                var plotTypeId = options.CurrentValue.Ingest.UnknownPlotTypes == UnknownPlotTypePolicy.Register
                    ? await registry.GetOrRegisterAsync(db, name, ct)
                    : await registry.FindAsync(db, name, ct);
                if (plotTypeId is null) return Results.Problem($"no plot type '{name}'", statusCode: StatusCodes.Status404NotFound);

                var json = JsonSerializer.Serialize(layout, LayoutJson.Options);
                var now = DateTimeOffset.UtcNow;
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO plot_layouts (plot_type_id, layout, updated_at) VALUES ({plotTypeId}, {json}::jsonb, {now})
                    ON CONFLICT (plot_type_id) DO UPDATE SET layout = EXCLUDED.layout, updated_at = EXCLUDED.updated_at
                    """, ct);
                explainer.LayoutChanged(plotTypeId.Value);
                return Results.NoContent();
            })
            .Accepts<PlotLayout>("application/json")
            .WithSummary("Store a plot type's layout (pads, axes, channel maps) so explanations name detector channels.");

        plots.MapGet("/{name}/layout", async (string name, MonitoringDb db, CancellationToken ct) =>
                await db.PlotLayouts.Where(l => db.PlotTypes.Any(p => p.Id == l.PlotTypeId && p.Name == name)).Select(l => l.Layout).FirstOrDefaultAsync(ct) is { } json
                    ? Results.Text(json, "application/json")
                    : Results.Problem($"no layout for '{ImageName.Printable(name)}'", statusCode: StatusCodes.Status404NotFound))
            .Produces<PlotLayout>()
            .WithSummary("A plot type's layout, as its source sent it.");
        return api;
    }

    /// <summary>A mon12 layout is a few kB; a megabyte is far more than any honest one.</summary>
    private const long MaxLayoutBytes = 1024 * 1024;
}
