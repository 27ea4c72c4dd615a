namespace Hydra.Web.Monitoring;

/// <summary>
/// The Labeler's pending changes before "Apply N": a click gives one image the brush's class, a
/// shift-click gives it to every image from the last click to this one. A null brush erases.
/// Marking an image with the label it already has is no change and leaves the pending set.
/// </summary>
public sealed class LabelSelection
{
    private readonly Dictionary<long, string?> _pending = [];
    private int? _lastClicked;

    /// <summary>Image id → the class it will get (null = erase).</summary>
    public IReadOnlyDictionary<long, string?> Pending => _pending;

    public int Count => _pending.Count;

    /// <param name="images">The batch in display order: each image's id and current label.</param>
    public void Click(IReadOnlyList<(long ImageId, string? Label)> images, int index, bool shift, string? brush)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, images.Count);
        var (first, last) = shift && _lastClicked is { } previous && previous < images.Count
            ? (Math.Min(previous, index), Math.Max(previous, index))
            : (index, index);
        for (var i = first; i <= last; i++)
        {
            if (images[i].Label == brush) _pending.Remove(images[i].ImageId);
            else _pending[images[i].ImageId] = brush;
        }
        _lastClicked = index;
    }

    public void Clear()
    {
        _pending.Clear();
        _lastClicked = null;
    }
}
