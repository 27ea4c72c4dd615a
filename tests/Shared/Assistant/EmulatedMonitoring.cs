using Hydra.Core.Explanations;
using Hydra.Core.Monitoring;
using Hydra.Core.Plots;

namespace Hydra.Testing.Assistant;

/// <summary>
/// Three runs of monitoring as Inference would report them, matching the logbook Iolaus writes for
/// the same fault schedule (Data/run-16042-logbook.*; schedule: FTOF hot channel chunks 6-9, ECAL
/// sector 2 HV board out from chunk 12 on, beam off 45-47, DC crate 44 knocked out 50-55; 60 chunks,
/// one every 2 minutes from 08:00 UTC) and the history logbook (Data/history-logbook.json): an
/// earlier ECAL sector 2 HV trip in run 15990 and an unrelated DC problem in sector 5 in run 16001.
/// Shared by the assistant's tests, its benchmark and its evaluation scorer.
/// </summary>
public sealed class EmulatedMonitoring
{
    public const int CurrentRun = 16042;
    /// <summary>Images of the current run stored but not judged yet: the chunk that just came in.</summary>
    public const int CurrentRunImagesWaiting = 2;
    public const int EarlierEcalRun = 15990;
    public const int EarlierDcRun = 16001;
    public const int Chunks = 60;

    public const string Ecal = "ECAL_adcOccupancy";
    public const string Dc = "DC_occupancy";
    public const string Ftof = "FTOF_adcOccupancy";
    public const string Ltcc = "LTCC_adc";
    public const string Htcc = "HTCC_occupancy";

    public const long FtofHotAlarm = 101, EcalAlarm = 102, FtofNoDataAlarm = 103, DcAlarm = 104, LtccSilentAlarm = 105, EarlierEcalAlarm = 90, EarlierDcAlarm = 91;
    public const long EcalEpisode = 202, DcEpisode = 204, EarlierEcalEpisode = 190, EarlierDcEpisode = 191;

    public static readonly DateTimeOffset RunStart = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset EarlierEcalStart = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset EarlierDcStart = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    public static readonly Guid EcalModel = Guid.Parse("6f1d0c3e-1111-4e4e-9a9a-0000000000ec");

    public List<PlotTypeView> PlotTypes { get; } = [];
    public List<RunView> Runs { get; } = [];
    public List<VerdictView> Verdicts { get; } = [];
    public List<EpisodeView> Episodes { get; } = [];
    public List<AlarmView> Alarms { get; } = [];
    public Dictionary<long, List<LabelView>> Labels { get; } = [];
    public List<ModelView> Models { get; } = [];
    public List<ActivationView> Activations { get; } = [];

    public static DateTimeOffset ChunkTime(DateTimeOffset start, int chunk) => start.AddMinutes(2 * (chunk - 1));

    /// <summary>The ECAL HV board region GradCAM finds: sector 2, layers 4-6, strips 1-12, read out by crate 7.</summary>
    public static HotRegion EcalRegion(int lastComponent = 12) => new(0.82, new PixelRect(120, 80, 90, 60), 2, "ECAL sector 2", "ECAL",
        [2], [4, 5, 6], 1, lastComponent, [new CrateSlot(7, 3), new CrateSlot(7, 4)], $"ECAL sector 2, layers 4-6, components 1-{lastComponent}: crate 7 slots 3-4");

    public static HotRegion DcCrate44Region() => new(0.9, new PixelRect(0, 40, 200, 80), 1, "DC sector 2", "DC",
        [2], [.. Enumerable.Range(1, 12)], 1, 112, [new CrateSlot(44, 3), new CrateSlot(44, 4), new CrateSlot(44, 5)], "DC sector 2, layers 1-12, components 1-112: crate 44 slots 3-5");

    public static HotRegion DcSector5Region() => new(0.7, new PixelRect(300, 200, 120, 60), 5, "DC sector 5", "DC",
        [5], [.. Enumerable.Range(25, 12)], 40, 90, [new CrateSlot(71, 14)], "DC sector 5, layers 25-36, components 40-90: crate 71 slot 14");

    public static HotRegion FtofHotRegion() => new(0.95, new PixelRect(200, 100, 6, 6), 3, "FTOF sector 3", "FTOF",
        [3], [2], 30, 30, [new CrateSlot(33, 5)], "FTOF sector 3, layer 2, component 30: crate 33 slot 5");

    public EmulatedMonitoring()
    {
        foreach (var (name, detector, id) in new[] { (Ecal, "ECAL", 1), (Dc, "DC", 2), (Ftof, "FTOF", 3), (Ltcc, "LTCC", 4), (Htcc, "HTCC", 5) })
        {
            PlotTypes.Add(new PlotTypeView(id, name, detector, true, false, 0.1, name == Ecal ? EcalModel : Guid.NewGuid(), RunStart.AddDays(-30)));
        }

        Runs.Add(new RunView(EarlierEcalRun, "RG-L", EarlierEcalStart, EarlierEcalStart.AddHours(8), 45, "LH2", -1.0, -1.0));
        Runs.Add(new RunView(EarlierDcRun, "RG-L", EarlierDcStart, EarlierDcStart.AddHours(6), 50, "LD2", -1.0, -1.0));
        Runs.Add(new RunView(CurrentRun, "RG-L", RunStart, null, 50, "LH2", -1.0, -1.0));

        // The current run: every plot every chunk, classified as the fault schedule says.
        long imageId = 10_000, verdictId = 50_000;
        for (var chunk = 1; chunk <= Chunks; chunk++)
        {
            var time = ChunkTime(RunStart, chunk);
            var beamOff = chunk is >= 45 and <= 47;
            foreach (var plot in new[] { Ecal, Dc, Ftof, Ltcc, Htcc })
            {
                if (plot == Ltcc && chunk > 50) continue; // the LTCC source went silent at chunk 50
                var (classification, region, alarm) = plot switch
                {
                    _ when beamOff && plot == Ftof => ("NoData", (HotRegion?)null, (long?)FtofNoDataAlarm),
                    _ when beamOff => ("NoData", null, null),
                    Ecal when chunk >= 12 => ("Bad", EcalRegion(), EcalAlarm),
                    Dc when chunk is >= 50 and <= 55 => ("Bad", DcCrate44Region(), DcAlarm),
                    Ftof when chunk is >= 6 and <= 9 => ("Bad", FtofHotRegion(), FtofHotAlarm),
                    _ => ("Good", null, null),
                };
                Verdicts.Add(Verdict(++verdictId, ++imageId, CurrentRun, plot, chunk, classification, time, beamOff ? 0 : 50, alarm, region));
            }
        }

        // Run 15990: the same ECAL HV board tripped for half an hour (chunks 30-45).
        for (var chunk = 1; chunk <= 60; chunk++)
        {
            var time = ChunkTime(EarlierEcalStart, chunk);
            var bad = chunk is >= 31 and <= 46;
            Verdicts.Add(Verdict(++verdictId, ++imageId, EarlierEcalRun, Ecal, chunk, bad ? "Bad" : "Good", time, 45, bad ? EarlierEcalAlarm : null, bad ? EcalRegion(10) : null));
            Verdicts.Add(Verdict(++verdictId, ++imageId, EarlierEcalRun, Dc, chunk, "Good", time, 45, null, null));
        }

        // Run 16001: a DC problem elsewhere (sector 5, crate 71), chunks 10-20.
        for (var chunk = 1; chunk <= 40; chunk++)
        {
            var time = ChunkTime(EarlierDcStart, chunk);
            var bad = chunk is >= 10 and <= 20;
            Verdicts.Add(Verdict(++verdictId, ++imageId, EarlierDcRun, Dc, chunk, bad ? "Bad" : "Good", time, 50, bad ? EarlierDcAlarm : null, bad ? DcSector5Region() : null));
            Verdicts.Add(Verdict(++verdictId, ++imageId, EarlierDcRun, Ecal, chunk, "Good", time, 50, null, null));
        }

        Episodes.Add(Episode(EarlierEcalEpisode, EarlierEcalRun, Ecal, "ECAL", "Bad", EarlierEcalStart, 31, 46, ended: true));
        Episodes.Add(Episode(EarlierDcEpisode, EarlierDcRun, Dc, "DC", "Bad", EarlierDcStart, 10, 20, ended: true));
        Episodes.Add(Episode(201, CurrentRun, Ftof, "FTOF", "Bad", RunStart, 6, 9, ended: true));
        Episodes.Add(Episode(EcalEpisode, CurrentRun, Ecal, "ECAL", "Bad", RunStart, 12, Chunks, ended: false));
        Episodes.Add(Episode(203, CurrentRun, Ftof, "FTOF", "NoData", RunStart, 45, 47, ended: true));
        Episodes.Add(Episode(DcEpisode, CurrentRun, Dc, "DC", "Bad", RunStart, 50, 55, ended: true));

        Alarms.Add(Alarm(EarlierEcalAlarm, AlarmKind.BadPlot, EarlierEcalRun, Ecal, "ECAL", "ECAL_adcOccupancy is Bad (confirmed, beam 45 nA)", EarlierEcalStart, 31, 46, cleared: true, EarlierEcalEpisode));
        Alarms.Add(Alarm(EarlierDcAlarm, AlarmKind.BadPlot, EarlierDcRun, Dc, "DC", "DC_occupancy is Bad (confirmed, beam 50 nA)", EarlierDcStart, 10, 20, cleared: true, EarlierDcEpisode));
        Alarms.Add(Alarm(FtofHotAlarm, AlarmKind.BadPlot, CurrentRun, Ftof, "FTOF", "FTOF_adcOccupancy is Bad (confirmed, beam 50 nA)", RunStart, 6, 9, cleared: true, 201));
        Alarms.Add(Alarm(EcalAlarm, AlarmKind.BadPlot, CurrentRun, Ecal, "ECAL", "ECAL_adcOccupancy is Bad (confirmed, beam 50 nA)", RunStart, 12, Chunks, cleared: false, EcalEpisode));
        Alarms.Add(Alarm(FtofNoDataAlarm, AlarmKind.ImageSourceProblem, CurrentRun, Ftof, "FTOF", "FTOF_adcOccupancy shows no data (confirmed NoData)", RunStart, 45, 47, cleared: true, 203));
        Alarms.Add(Alarm(DcAlarm, AlarmKind.BadPlot, CurrentRun, Dc, "DC", "DC_occupancy is Bad (confirmed, beam 50 nA)", RunStart, 50, 55, cleared: true, DcEpisode));
        Alarms.Add(new AlarmView(LtccSilentAlarm, AlarmKind.NoDataArriving, CurrentRun, Ltcc, "LTCC", "No image of LTCC_adc for 18 minutes",
            ChunkTime(RunStart, 51), ChunkTime(RunStart, Chunks), null, 0, null, null));

        // Labels: the ECAL images of the earlier trip were labelled Bad by an expert.
        foreach (var verdict in Verdicts.Where(v => v.RunNumber == EarlierEcalRun && v.PlotName == Ecal).Take(40))
        {
            Labels[verdict.ImageId] = [new LabelView(verdict.ImageId, verdict.Classification, "ecal-expert", verdict.RecordedAt.AddDays(1), null)];
        }
        Models.Add(new ModelView(EcalModel, Ecal, "ECAL_adcOccupancy v3", null, RunStart.AddDays(-10), ["Good", "Bad", "NoData"], 3, 96, 128,
            "trained", new string('0', 64), true, [new ThresholdView("Bad", 0.8f, "max_f1", null, RunStart.AddDays(-10))]));
        Activations.Add(new ActivationView(Ecal, EcalModel, RunStart.AddDays(-9), "ecal-expert"));
    }

    /// <summary>The latest evaluation of the ECAL model: 1,240 labelled images.</summary>
    public static object EcalEvaluation => new
    {
        labels = new[] { "Good", "Bad", "NoData" },
        samples = 1240,
        accuracy = 0.975,
        confusion = Array.Empty<object>(),
        classes = new[]
        {
            new { label = "Good", support = 1000, precision = 0.99, recall = 0.98, f1 = 0.985 },
            new { label = "Bad", support = 200, precision = 0.91, recall = 0.965, f1 = 0.937 },
            new { label = "NoData", support = 40, precision = 1.0, recall = 1.0, f1 = 1.0 },
        },
        thresholds = Array.Empty<object>(),
    };

    public RunState RunState(int runNumber)
    {
        var run = Runs.Single(r => r.RunNumber == runNumber);
        var latest = Verdicts.Where(v => v.RunNumber == runNumber).GroupBy(v => v.PlotName)
            .Select(g => g.OrderBy(v => v.Chunk).Last()).Select(v => new PlotState(v.PlotName, v.Detector, v)).ToList();
        return new RunState(run, latest, Alarms.Count(a => a.RunNumber == runNumber && a.IsActive), Verdicts.Where(v => v.RunNumber == runNumber).Max(v => v.RecordedAt),
            ImagesWaiting: runNumber == CurrentRun ? CurrentRunImagesWaiting : 0);
    }

    private static VerdictView Verdict(long verdictId, long imageId, int run, string plot, int chunk, string classification, DateTimeOffset time, double beam, long? alarm, HotRegion? region) =>
        new(verdictId, imageId, run, plot, plot.Split('_')[0], chunk, classification,
            classification == "Good" ? 0.97f : 0.93f, true,
            new Dictionary<string, float> { ["Good"] = classification == "Good" ? 0.97f : 0.04f, ["Bad"] = classification == "Bad" ? 0.93f : 0.02f, ["NoData"] = classification == "NoData" ? 0.93f : 0.01f },
            EcalModel, beam, time, time.AddSeconds(2), region is not null, alarm, region is null ? [] : [region]);

    private static EpisodeView Episode(long id, int run, string plot, string detector, string classification, DateTimeOffset runStart, int first, int last, bool ended) =>
        new(id, run, plot, detector, classification, ChunkTime(runStart, first), ChunkTime(runStart, last), ended ? ChunkTime(runStart, last + 1) : null,
            first, last, last - first + 1, last - first + 1);

    private static AlarmView Alarm(long id, AlarmKind kind, int run, string plot, string detector, string message, DateTimeOffset runStart, int first, int last, bool cleared, long episode) =>
        new(id, kind, run, plot, detector, message, ChunkTime(runStart, first), ChunkTime(runStart, last), cleared ? ChunkTime(runStart, last + 1) : null,
            last - first + 1, null, episode);
}
