namespace Hydra.Web.Monitoring;

/// <summary>
/// Whom the shift crew calls about a detector, from configuration (<c>Hydra:Experts:ECAL</c> =
/// "ECAL on-call, x5432"), so each experiment sets its own list without a release.
/// </summary>
public sealed class ExpertContacts(IConfiguration configuration)
{
    public string For(string? detector) =>
        detector is null ? configuration["Hydra:Experts:Hydra"] ?? "Hydra on-call (set Hydra:Experts:Hydra)"
        : configuration[$"Hydra:Experts:{detector}"] ?? $"no contact configured (set Hydra:Experts:{detector})";
}
