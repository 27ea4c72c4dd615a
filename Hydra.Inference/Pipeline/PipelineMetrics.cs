using System.Diagnostics.Metrics;

namespace Hydra.Inference.Pipeline;

/// <summary>
/// The pipeline's OpenTelemetry instruments, exported to the Aspire dashboard (OTLP) and to
/// Prometheus at /metrics for the experiment's Grafana.
/// </summary>
public sealed class PipelineMetrics
{
    private readonly Counter<long> _ingested = HydraTelemetry.Meter.CreateCounter<long>("hydra.images.ingested", "{image}", "Images offered to ingest, by outcome");
    private readonly Counter<long> _classified = HydraTelemetry.Meter.CreateCounter<long>("hydra.images.classified", "{image}", "Verdicts committed, by classification");
    private readonly Counter<long> _alarms = HydraTelemetry.Meter.CreateCounter<long>("hydra.alarms.raised", "{alarm}", "Alarms raised, by kind");
    private readonly Histogram<double> _stage = HydraTelemetry.Meter.CreateHistogram<double>("hydra.pipeline.stage.duration", "ms", "Time spent per pipeline stage");

    private long _queueLength;

    public PipelineMetrics()
    {
        HydraTelemetry.Meter.CreateObservableGauge("hydra.queue.length", () => Interlocked.Read(ref _queueLength), "{job}", "Jobs waiting in the ingest stream");
    }

    public void ImageIngested(string outcome, TimeSpan elapsed)
    {
        _ingested.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (elapsed > TimeSpan.Zero) Stage("ingest", elapsed.TotalMilliseconds);
    }

    public void Classified(string classification) => _classified.Add(1, new KeyValuePair<string, object?>("classification", classification));

    public void AlarmRaised(string kind) => _alarms.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Stage(string stage, double milliseconds) => _stage.Record(milliseconds, new KeyValuePair<string, object?>("stage", stage));

    public void QueueLength(long length) => Interlocked.Exchange(ref _queueLength, length);
}
