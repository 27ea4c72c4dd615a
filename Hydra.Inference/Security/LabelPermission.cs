using System.Security.Claims;
using Hydra.Core.Accounts;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Security;

/// <summary>A labeller may label only the plot types (or detectors) their account names; the whole batch is refused otherwise.</summary>
public static class LabelPermission
{
    public static async Task<IResult?> RefusalAsync(MonitoringDb db, ClaimsPrincipal person, LabelBatch batch, CancellationToken ct)
    {
        var roles = person.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var scopes = person.FindAll(LabelScopes.ClaimType).Select(c => c.Value).ToList();
        var imageIds = batch.Changes.Select(c => c.ImageId).Distinct().ToList();
        var plots = await db.Images.Where(i => imageIds.Contains(i.Id))
            .Select(i => new { i.PlotType!.Name, i.PlotType.Detector }).Distinct().ToListAsync(ct);
        var refused = plots.Where(p => !LabelScopes.Allows(roles, scopes, p.Name, p.Detector)).Select(p => p.Name).ToList();
        return refused.Count == 0 ? null
            : Results.Problem($"{person.Identity?.Name} may not label {string.Join(", ", refused)}", statusCode: StatusCodes.Status403Forbidden, title: "Not your plot types");
    }
}
