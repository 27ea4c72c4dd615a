namespace Hydra.Core.Accounts;

/// <summary>
/// The original Hydra's roles. Web puts them in a person's cookie; Inference enforces them on its
/// API. Names are stored in the database and in OpenID Connect role claims: never rename one.
/// </summary>
public static class HydraRoles
{
    public const string Admin = "Admin";
    public const string Developer = "Developer";
    public const string DetectorExpert = "DetectorExpert";
    public const string Labeler = "Labeler";
    public const string Viewer = "Viewer";
    public const string Liaison = "Liaison";

    /// <summary>Not a person: a monitoring source holding an ingest API key.</summary>
    public const string IngestSource = "IngestSource";

    public static readonly IReadOnlyList<string> All = [Admin, Developer, DetectorExpert, Labeler, Viewer, Liaison];

    /// <summary>Thresholds, model import, activation, rollback, evaluation and training.</summary>
    public static readonly IReadOnlyList<string> Experts = [Admin, Developer, DetectorExpert];

    /// <summary>May apply labels, within their label scopes (<see cref="LabelScopes"/>).</summary>
    public static readonly IReadOnlyList<string> Labellers = [Admin, Developer, DetectorExpert, Labeler];

    /// <summary>May post and remove the news shown to the shift crew.</summary>
    public static readonly IReadOnlyList<string> NewsWriters = [Admin, Developer, DetectorExpert, Liaison];

    /// <summary>Roles that label every plot type, whatever their scopes say.</summary>
    public static readonly IReadOnlyList<string> LabelEverything = [Admin, Developer];

    public static string Comma(IEnumerable<string> roles) => string.Join(',', roles);
}
