using Hydra.Inference.Accounts;
using Hydra.Inference.Alarms;
using Hydra.Inference.Episodes;
using Hydra.Inference.Images;
using Hydra.Inference.IngestKeys;
using Hydra.Inference.Labels;
using Hydra.Inference.Models;
using Hydra.Inference.News;
using Hydra.Inference.PlotTypes;
using Hydra.Inference.References;
using Hydra.Inference.Runs;
using Hydra.Inference.Verdicts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hydra.Inference.Data;

/// <summary>
/// The <c>monitoring</c> database, Inference's record of runs, plot types, images, verdicts, labels,
/// models, episodes and alarms. Tables and columns are snake_case so a person can query them in psql
/// without quoting. Mappings live next to each entity group in <see cref="MonitoringModel"/>.
/// It also holds the local accounts (ASP.NET Core Identity) and ingest keys: Inference owns them and
/// enforces them on its API, Web asks it (ADR-011).
/// </summary>
public sealed class MonitoringDb(DbContextOptions<MonitoringDb> options) : IdentityDbContext<HydraUser>(options)
{
    public DbSet<RunPeriod> RunPeriods => Set<RunPeriod>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<PlotType> PlotTypes => Set<PlotType>();
    public DbSet<PlotLayoutRecord> PlotLayouts => Set<PlotLayoutRecord>();
    public DbSet<MonitoringImage> Images => Set<MonitoringImage>();
    public DbSet<ImageContent> ImageContents => Set<ImageContent>();
    public DbSet<Verdict> Verdicts => Set<Verdict>();
    public DbSet<ImageLabel> Labels => Set<ImageLabel>();
    public DbSet<LabelChange> LabelChanges => Set<LabelChange>();
    public DbSet<ModelVersion> Models => Set<ModelVersion>();
    public DbSet<ModelFile> ModelFiles => Set<ModelFile>();
    public DbSet<ModelThreshold> ModelThresholds => Set<ModelThreshold>();
    public DbSet<ModelActivation> ModelActivations => Set<ModelActivation>();
    public DbSet<ModelEvaluationRecord> ModelEvaluations => Set<ModelEvaluationRecord>();
    public DbSet<ModelTrainingImage> ModelTrainingImages => Set<ModelTrainingImage>();
    public DbSet<TrainingJob> TrainingJobs => Set<TrainingJob>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<AlarmNotification> AlarmNotifications => Set<AlarmNotification>();
    public DbSet<NewsItem> News => Set<NewsItem>();
    public DbSet<IngestKey> IngestKeys => Set<IngestKey>();
    public DbSet<PlotReference> PlotReferences => Set<PlotReference>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        MonitoringModel.Configure(model);
        AccountModel.Configure(model);
    }
}
