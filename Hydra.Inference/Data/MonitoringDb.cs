using System.Text.Json;
using Hydra.Inference.Images;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.Runs;
using Hydra.Inference.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hydra.Inference.Data;

/// <summary>
/// The <c>monitoring</c> database, Inference's record of runs, plot types, images and verdicts.
/// Tables and columns are snake_case so a person can query them in psql without quoting.
/// </summary>
public sealed class MonitoringDb(DbContextOptions<MonitoringDb> options) : DbContext(options)
{
    public DbSet<RunPeriod> RunPeriods => Set<RunPeriod>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<PlotType> PlotTypes => Set<PlotType>();
    public DbSet<MonitoringImage> Images => Set<MonitoringImage>();
    public DbSet<ImageContent> ImageContents => Set<ImageContent>();
    public DbSet<Verdict> Verdicts => Set<Verdict>();

    protected override void OnModelCreating(ModelBuilder model)
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

        model.Entity<PlotType>(plot =>
        {
            plot.HasIndex(p => p.Name).IsUnique();
            plot.Property(p => p.Name).HasMaxLength(100);
            plot.Property(p => p.Detector).HasMaxLength(30);
            plot.HasIndex(p => p.Detector);
        });

        model.Entity<MonitoringImage>(image =>
        {
            image.ToTable("images");
            // Idempotent ingest rests on this index: a second insert of the same bytes fails.
            image.HasIndex(i => i.ContentSha256).IsUnique();
            image.HasIndex(i => new { i.RunId, i.PlotTypeId, i.Chunk });
            image.HasIndex(i => i.ReceivedAt);
            image.HasOne(i => i.PlotType).WithMany().OnDelete(DeleteBehavior.Restrict);
            image.HasOne(i => i.Run).WithMany().OnDelete(DeleteBehavior.Restrict);
            image.HasOne(i => i.Content).WithOne().HasForeignKey<ImageContent>(c => c.ImageId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ImageContent>(content =>
        {
            content.ToTable("image_contents");
            content.HasKey(c => c.ImageId);
        });

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
            verdict.HasOne(v => v.Image).WithMany().OnDelete(DeleteBehavior.Cascade);
            verdict.HasIndex(v => new { v.ImageId, v.JudgedAt });
            verdict.HasIndex(v => v.JudgedAt);
        });
    }
}
