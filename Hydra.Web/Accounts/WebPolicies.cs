namespace Hydra.Web.Accounts;

/// <summary>The page policies. Every page names one; anything else needs a signed-in person (the fallback policy).</summary>
public static class WebPolicies
{
    /// <summary>The Run page, the control room and their images: anyone when <c>Hydra:Web:AnonymousRunPage</c> is true, else signed-in people.</summary>
    public const string RunPage = "run-page";
    public const string Labeller = "labeller";
    public const string Expert = "expert";
    public const string Admin = "admin";

    public const string AnonymousRunPageKey = "Hydra:Web:AnonymousRunPage";
    public const string LoginRateLimit = "login";
}
