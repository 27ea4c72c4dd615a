namespace Hydra.Inference.Models;

/// <summary>
/// Completes once the seeder's pass at start-up is over: this release's default models installed,
/// nothing to do, or a failure logged. The classifier workers wait on it, so the first image of a
/// fresh installation is judged by its shipped model and not stored as NoModel because it arrived
/// a second before the models did (the image waits in the queue meanwhile; nothing is lost).
/// </summary>
public sealed class DefaultModelsReady
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Done => _done.Task.IsCompleted;

    public void Complete() => _done.TrySetResult();

    /// <summary>
    /// True when the pass ended within <paramref name="limit"/>. A pass that takes longer (another
    /// replica holds the seeding lock and hangs) must not stop the pipeline: the caller goes on
    /// with the models already active.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await _done.Task.WaitAsync(limit, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
