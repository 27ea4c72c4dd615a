using Hydra.Core.Assistant;

namespace Hydra.Web.Assistant;

/// <summary>
/// What the page on screen is about (run, plot, image, alarm), for the chat panel in the layout:
/// a page says it when it loads, a card's "ask about this alarm" asks through it. One per circuit
/// (scoped), so two people's pages never mix.
/// </summary>
public sealed class AssistantPageContext
{
    public PageContext Current { get; private set; } = new();

    /// <summary>The page changed what it shows.</summary>
    public event Action? Changed;

    /// <summary>Someone asked from a card: the panel asks this question now.</summary>
    public event Action<string>? AskRequested;

    public void Set(int? run = null, string? plot = null, long? imageId = null, long? alarmId = null)
    {
        var next = new PageContext(run, plot, imageId, alarmId);
        if (next == Current) return;
        Current = next;
        Changed?.Invoke();
    }

    /// <summary>"Ask about this alarm" (or plot, or image) from any card.</summary>
    public void Ask(string question, int? run = null, string? plot = null, long? imageId = null, long? alarmId = null)
    {
        Current = new PageContext(run ?? Current.Run, plot ?? Current.Plot, imageId ?? Current.ImageId, alarmId ?? Current.AlarmId);
        Changed?.Invoke();
        AskRequested?.Invoke(question);
    }
}
