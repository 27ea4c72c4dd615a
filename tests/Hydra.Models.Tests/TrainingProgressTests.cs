using Hydra.Models.Training;

namespace Hydra.Models.Tests;

public class TrainingProgressTests
{
    private static readonly TrainingData Data = SyntheticPlots.Create(seed: 6, good: 30, bad: 15, noData: 15);
    private static readonly TrainingOptions Options = TrainedSyntheticModel.Options with { Epochs = 4, Patience = 10 };

    [Fact]
    public void EachEpochReportsOnceWithAShrinkingEstimate()
    {
        var reports = new Recorder();

        var result = new CamTrainer(Options, new SteppingClock()).Train(Data, reports);

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(4, r.TotalEpochs));
        var left = reports.Select(r => r.EstimatedTimeLeft).ToArray();
        Assert.True(left.Zip(left.Skip(1)).All(pair => pair.First > pair.Second), string.Join(", ", left));
        Assert.Equal(TimeSpan.Zero, left[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.Elapsed < pair.Second.Elapsed));
        // The reports carry the curves the result keeps.
        Assert.Equal(result.Epochs.Skip(1).Select(e => (e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy)),
            reports.Select(r => (r.TrainLoss, r.ValidationLoss, r.ValidationAccuracy)));
    }

    [Fact]
    public void CancellingStopsTrainingBeforeTheNextBatch()
    {
        using var cancel = new CancellationTokenSource();
        var reports = new Recorder(r =>
        {
            if (r.Epoch == 2) cancel.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() => new CamTrainer(Options).Train(Data, reports, cancel.Token));

        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
    }

    /// <summary>Records reports as they are made (a <see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Recorder(Action<TrainingProgress>? onReport = null) : List<TrainingProgress>, IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            Add(value);
            onReport?.Invoke(value);
        }
    }

    /// <summary>A clock on which every reading comes one second after the last, so every epoch lasts as long.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long seconds;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => Interlocked.Increment(ref seconds);
    }
}
