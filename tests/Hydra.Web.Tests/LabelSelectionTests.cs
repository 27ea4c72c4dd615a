using Hydra.Web.Monitoring;

namespace Hydra.Web.Tests;

public sealed class LabelSelectionTests
{
    private static readonly List<(long, string?)> Batch = [(10, null), (11, null), (12, "Good"), (13, null), (14, "Bad")];

    [Fact]
    public void A_click_marks_one_image_and_a_shift_click_the_range_from_the_last_click()
    {
        var selection = new LabelSelection();
        selection.Click(Batch, 1, shift: false, "Bad");
        selection.Click(Batch, 3, shift: true, "Bad");
        Assert.Equal(new Dictionary<long, string?> { [11] = "Bad", [12] = "Bad", [13] = "Bad" }, selection.Pending);
    }

    [Fact]
    public void A_shift_click_upwards_covers_the_same_range()
    {
        var selection = new LabelSelection();
        selection.Click(Batch, 3, shift: false, "Good");
        selection.Click(Batch, 0, shift: true, "Good");
        // 12 is already Good: no change, so not pending.
        Assert.Equal([10L, 11L, 13L], selection.Pending.Keys.Order());
    }

    [Fact]
    public void A_shift_click_without_an_earlier_click_marks_one_image()
    {
        var selection = new LabelSelection();
        selection.Click(Batch, 2, shift: true, "Bad");
        Assert.Equal([12L], selection.Pending.Keys);
    }

    [Fact]
    public void Erase_is_a_null_class_and_re_marking_with_the_current_label_drops_the_change()
    {
        var selection = new LabelSelection();
        selection.Click(Batch, 4, shift: false, null);
        Assert.Null(selection.Pending[14]);
        selection.Click(Batch, 4, shift: false, "Bad");
        Assert.Equal(0, selection.Count);
    }

    [Fact]
    public void Clear_forgets_the_changes_and_the_last_click()
    {
        var selection = new LabelSelection();
        selection.Click(Batch, 0, shift: false, "Bad");
        selection.Clear();
        selection.Click(Batch, 3, shift: true, "Bad");
        Assert.Equal([13L], selection.Pending.Keys);
        Assert.Throws<ArgumentOutOfRangeException>(() => selection.Click(Batch, 5, shift: false, "Bad"));
    }
}
