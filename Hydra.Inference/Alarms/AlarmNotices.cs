namespace Hydra.Inference.Alarms;

/// <summary>The two moments a webhook hears about an alarm.</summary>
public static class AlarmNotices
{
    public const string Raised = "raised";
    public const string Cleared = "cleared";
}
