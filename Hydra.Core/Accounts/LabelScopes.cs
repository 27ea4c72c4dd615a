namespace Hydra.Core.Accounts;

/// <summary>
/// What a person may label: a list of plot type names (<c>ECAL_adcOccupancy</c>) and detector names
/// (<c>ECAL</c>: every plot of that detector), or <c>*</c> for all. Admin and Developer label
/// everything; a Labeler or DetectorExpert only what their scopes name, as in the original.
/// </summary>
public static class LabelScopes
{
    public const string ClaimType = "hydra:label";
    public const string Everything = "*";

    public static bool Allows(IEnumerable<string> roles, IEnumerable<string> scopes, string plotName, string detector)
    {
        var roleList = roles.ToList();
        if (!roleList.Any(HydraRoles.Labellers.Contains)) return false;
        if (roleList.Any(HydraRoles.LabelEverything.Contains)) return true;
        return scopes.Any(scope => scope == Everything
            || string.Equals(scope, plotName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(scope, detector, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Scopes as typed on the admin page: comma or space separated, trimmed, no duplicates.</summary>
    public static List<string> Parse(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
