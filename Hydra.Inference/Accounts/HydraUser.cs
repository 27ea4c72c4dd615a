using Microsoft.AspNetCore.Identity;

namespace Hydra.Inference.Accounts;

/// <summary>
/// A local account (ASP.NET Core Identity, in the monitoring database Inference owns). Disabled
/// accounts are locked out for good (Identity's own lockout), so a disabled person keeps their
/// name in label histories but can no longer sign in.
/// </summary>
public sealed class HydraUser : IdentityUser
{
    /// <summary>Plot types and detectors this person may label (<see cref="Hydra.Core.Accounts.LabelScopes"/>).</summary>
    public List<string> LabelScopes { get; set; } = [];
}
