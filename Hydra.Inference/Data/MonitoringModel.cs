using System.Text.Json;
using Hydra.Core.Explanations;
using Hydra.Inference.Alarms;
using Hydra.Inference.Episodes;
using Hydra.Inference.Images;
using Hydra.Inference.Labels;
using Hydra.Inference.Models;
using Hydra.Inference.News;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.References;
using Hydra.Inference.Runs;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hydra.Inference.Data;

/// <summary>Table mappings and the indexes the pipeline and the pages depend on.</summary>
internal static class MonitoringModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<RunPeriod>(period =>
        {
            period.HasIndex(p => p.Name).IsUnique();
            period.Property(p => p.Name).HasMaxLength(100);
        });

        model.Entity<Run>(run =>
        {
            run.HasIndex(r => r.RunNumber).IsUnique();
            run.Property(r => r.Target).HasMaxLength(50);
            run.HasOne(r => r.RunPeriod).WithMany(p => p.Runs).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<PlotLayoutRecord>(layout =>
        {
            layout.ToTable("plot_layouts");
            layout.HasKey(l => l.PlotTypeId);
            layout.Property(l => l.Layout).HasColumnType("jsonb");
            layout.HasOne<PlotType>().WithOne().HasForeignKey<PlotLayoutRecord>(l => l.PlotTypeId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<PlotType>(plot =>
        {
            plot.HasIndex(p => p.Name).IsUnique();
            plot.Property(p => p.Name).HasMaxLength(100);
            plot.Property(p => p.Detector).HasMaxLength(30);
            plot.HasIndex(p => p.Detector);
        });

        model.Entity<PlotReference>(reference =>
        {
            reference.ToTable("plot_references");
            reference.HasKey(r => r.PlotTypeId);
            reference.Property(r => r.SetBy).HasMaxLength(100);
            reference.HasOne<PlotType>().WithOne().HasForeignKey<PlotReference>(r => r.PlotTypeId).OnDelete(DeleteBehavior.Cascade);
            reference.HasOne(r => r.Image).WithMany().HasForeignKey(r => r.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureImages(model);
        ConfigureVerdicts(model);
        ConfigureLabels(model);
        ConfigureModels(model);
        ConfigureAlarms(model);

        model.Entity<NewsItem>(news =>
        {
            news.Property(n => n.Title).HasMaxLength(200);
            news.Property(n => n.PostedBy).HasMaxLength(100);
            news.HasIndex(n => n.PostedAt);
        });
    }

    private static void ConfigureImages(ModelBuilder model)
    {
        model.Entity<MonitoringImage>(image =>
        {
            image.ToTable("images");
            // Idempotent ingest rests on this index: a second insert of the same bytes fails.
            image.HasIndex(i => i.ContentSha256).IsUnique();
            // The Run page's "latest image of every plot type in this run" walks this index backwards.
            image.HasIndex(i => new { i.RunId, i.PlotTypeId, i.Chunk });
            image.HasIndex(i => i.ReceivedAt);
            // A plot type's newest images: the cluster map's and the automatic reference's query.
            image.HasIndex(i => new { i.PlotTypeId, i.RecordedAt });
            // The backlog sweeper looks only at images never queued.
            image.HasIndex(i => i.Id, "ix_images_not_enqueued").HasFilter("enqueued_at IS NULL").HasDatabaseName("ix_images_not_enqueued");
            // ... and the status page's backlog only at images not judged yet.
            image.HasIndex(i => i.Id, "ix_images_not_judged").HasFilter("judged_at IS NULL").HasDatabaseName("ix_images_not_judged");
            image.HasOne(i => i.PlotType).WithMany().OnDelete(DeleteBehavior.Restrict);
            image.HasOne(i => i.Run).WithMany().OnDelete(DeleteBehavior.Restrict);
            image.HasOne(i => i.Content).WithOne().HasForeignKey<ImageContent>(c => c.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ImageContent>(content =>
        {
            content.ToTable("image_contents");
            content.HasKey(c => c.ImageId);
        });
    }

    private static void ConfigureVerdicts(ModelBuilder model)
    {
        model.Entity<Verdict>(verdict =>
        {
            verdict.Property(v => v.Classification).HasMaxLength(30);
            verdict.Property(v => v.Scores)
                .HasColumnType("jsonb")
                .HasConversion(
                    scores => JsonSerializer.Serialize(scores, JsonSerializerOptions.Default),
                    json => JsonSerializer.Deserialize<Dictionary<string, float>>(json, JsonSerializerOptions.Default) ?? new(),
                    new ValueComparer<Dictionary<string, float>>(
                        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                        scores => scores.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                        scores => new Dictionary<string, float>(scores)));
            verdict.Property(v => v.Regions).HasColumnType("jsonb").HasConversion(
                regions => regions == null ? null : JsonSerializer.Serialize(regions, JsonSerializerOptions.Default),
                json => json == null ? null : JsonSerializer.Deserialize<List<HotRegion>>(json, JsonSerializerOptions.Default),
                new ValueComparer<List<HotRegion>?>((a, b) => ReferenceEquals(a, b), regions => regions == null ? 0 : regions.Count, regions => regions));
            verdict.HasOne(v => v.Image).WithMany().OnDelete(DeleteBehavior.Cascade);
            // The pipeline's verdict: exactly one per image, however often a job is re-delivered.
            verdict.HasIndex(v => v.ImageId).IsUnique();
            verdict.HasIndex(v => v.JudgedAt);
            verdict.HasOne(v => v.Episode).WithMany().OnDelete(DeleteBehavior.SetNull);
            verdict.HasOne(v => v.Alarm).WithMany().OnDelete(DeleteBehavior.SetNull);
        });
    }

    private static void ConfigureLabels(ModelBuilder model)
    {
        model.Entity<ImageLabel>(label =>
        {
            label.ToTable("image_labels");
            label.HasKey(l => l.ImageId);
            label.Property(l => l.Classification).HasMaxLength(30);
            label.Property(l => l.LabelledBy).HasMaxLength(100);
            label.HasOne(l => l.Image).WithOne().HasForeignKey<ImageLabel>(l => l.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<LabelChange>(change =>
        {
            change.ToTable("label_changes");
            change.Property(c => c.OldClassification).HasMaxLength(30);
            change.Property(c => c.NewClassification).HasMaxLength(30);
            change.Property(c => c.ChangedBy).HasMaxLength(100);
            change.HasIndex(c => new { c.ImageId, c.ChangedAt });
            change.HasIndex(c => c.ChangedBy);
        });
    }

    private static void ConfigureModels(ModelBuilder model)
    {
        model.Entity<ModelVersion>(version =>
        {
            version.ToTable("models");
            version.Property(m => m.Name).HasMaxLength(200);
            version.Property(m => m.Origin).HasMaxLength(20);
            version.HasIndex(m => new { m.PlotTypeId, m.CreatedAt });
            version.HasOne(m => m.PlotType).WithMany().HasForeignKey(m => m.PlotTypeId).OnDelete(DeleteBehavior.Cascade);
            version.HasOne(m => m.File).WithOne().HasForeignKey<ModelFile>(f => f.ModelId).OnDelete(DeleteBehavior.Cascade);
            version.HasMany(m => m.Thresholds).WithOne().HasForeignKey(t => t.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ModelFile>(file =>
        {
            file.ToTable("model_files");
            file.HasKey(f => f.ModelId);
        });

        model.Entity<ModelActivation>(activation =>
        {
            activation.Property(a => a.ActivatedBy).HasMaxLength(100);
            activation.HasIndex(a => new { a.PlotTypeId, a.ActivatedAt });
            activation.HasOne<PlotType>().WithMany().HasForeignKey(a => a.PlotTypeId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<TrainingJob>(job =>
        {
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.RequestedBy).HasMaxLength(100);
            job.Property(j => j.RunningOn).HasMaxLength(200);
            job.HasIndex(j => new { j.Status, j.RequestedAt });
            job.HasOne(j => j.PlotType).WithMany().HasForeignKey(j => j.PlotTypeId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ModelEvaluationRecord>(evaluation =>
        {
            evaluation.ToTable("model_evaluations");
            evaluation.Property(e => e.Result).HasColumnType("jsonb");
            evaluation.HasIndex(e => new { e.ModelId, e.EvaluatedAt });
            evaluation.HasOne<ModelVersion>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ModelTrainingImage>(image =>
        {
            image.ToTable("model_training_images");
            image.HasKey(i => new { i.ModelId, i.ImageId });
            image.Property(i => i.Label).HasMaxLength(50);
            image.HasIndex(i => i.ImageId);
            image.HasOne<ModelVersion>().WithMany().HasForeignKey(i => i.ModelId).OnDelete(DeleteBehavior.Cascade);
            image.HasOne<Images.MonitoringImage>().WithMany().HasForeignKey(i => i.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ModelThreshold>(threshold =>
        {
            threshold.HasKey(t => new { t.ModelId, t.Classification });
            threshold.Property(t => t.Classification).HasMaxLength(30);
            threshold.Property(t => t.Method).HasMaxLength(100);
            threshold.Property(t => t.Basis).HasMaxLength(ModelThreshold.MaxBasisLength);
        });
    }

    private static void ConfigureAlarms(ModelBuilder model)
    {
        model.Entity<Episode>(episode =>
        {
            episode.Property(e => e.Classification).HasMaxLength(30);
            // The judge extends the latest episode of a (run, plot type); the Log page filters by time.
            episode.HasIndex(e => new { e.RunId, e.PlotTypeId, e.StartedAt });
            episode.HasIndex(e => e.StartedAt);
            episode.HasOne(e => e.Run).WithMany().OnDelete(DeleteBehavior.Cascade);
            episode.HasOne(e => e.PlotType).WithMany().OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Alarm>(alarm =>
        {
            alarm.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
            alarm.Property(a => a.Message).HasMaxLength(500);
            alarm.HasIndex(a => a.RaisedAt);
            alarm.HasIndex(a => a.ClearedAt).HasFilter("cleared_at IS NULL").HasDatabaseName("ix_alarms_active");
            alarm.HasOne(a => a.Episode).WithMany().OnDelete(DeleteBehavior.SetNull);
            alarm.HasOne(a => a.Run).WithMany().OnDelete(DeleteBehavior.Cascade);
            alarm.HasOne(a => a.PlotType).WithMany().OnDelete(DeleteBehavior.Cascade);
            alarm.HasMany(a => a.Notifications).WithOne(n => n.Alarm).HasForeignKey(n => n.AlarmId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AlarmNotification>(notification =>
        {
            notification.Property(n => n.Event).HasMaxLength(20);
            notification.Property(n => n.Webhook).HasMaxLength(2000);
            notification.HasIndex(n => n.NextAttemptAt).HasFilter("delivered_at IS NULL AND abandoned_at IS NULL")
                .HasDatabaseName("ix_alarm_notifications_due");
        });
    }
}
