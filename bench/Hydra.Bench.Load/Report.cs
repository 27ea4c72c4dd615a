using System.Diagnostics;

namespace Hydra.Bench.Load;

/// <summary>The printed figures.</summary>
public static class Report
{
    public static void Phase(List<Upload> uploads, List<(int Page, long ImageId, long At)> updates, Ledger ledger, TimeSpan sending, TimeSpan schedule, int pages)
    {
        var accepted = uploads.Where(u => u.AcceptedAt != 0).ToList();
        var judged = accepted.Where(u => u.VerdictAt != 0).ToList();
        var refused = uploads.Where(u => u.AcceptedAt == 0).Select(u => u.Refusal ?? "no answer").Distinct().Take(3);
        Console.WriteLine($"  uploads: {uploads.Count} sent in {sending.TotalSeconds:0.0} s (schedule {schedule.TotalSeconds:0} s), {accepted.Count} accepted, {uploads.Count - accepted.Count} refused{(accepted.Count < uploads.Count ? $" ({string.Join("; ", refused)})" : "")}, {judged.Count} verdicts");
        if (accepted.Count == 0) return;
        var first = uploads.Min(u => u.SentAt);
        var lastAccepted = accepted.Max(u => u.AcceptedAt);
        Console.WriteLine($"  accepted {accepted.Count / Seconds(first, lastAccepted):0.0} images/s" +
            (judged.Count > 0 ? $", verdicted {judged.Count / Seconds(first, judged.Max(u => u.VerdictAt)):0.0} images/s (first upload to last verdict); last verdict {Seconds(uploads.Max(u => u.SentAt), judged.Max(u => u.VerdictAt)):0.0} s after the last upload began" : ""));
        Line("upload accepted (HTTP answer)", accepted.Select(u => Milliseconds(u.SentAt, u.AcceptedAt)), null);
        Line("upload -> verdict event", judged.Select(u => Milliseconds(u.SentAt, u.VerdictAt)), 300);

        // A card names its image: each update is one upload's verdict, shown on one page.
        if (pages == 0) return;
        var toPage = new List<double>();
        var endToEnd = new List<double>();
        var phase = uploads[0].Phase;
        foreach (var (_, imageId, at) in updates)
        {
            if (!ledger.ByImage.TryGetValue(imageId, out var shown) || shown.Phase != phase) continue;
            toPage.Add(Math.Max(0, at - shown.VerdictAtUnixMs));
            endToEnd.Add(at - shown.SentAtUnixMs);
        }
        Line($"verdict event -> Run page DOM ({pages} pages)", toPage, 1000);
        Line("upload -> Run page DOM", endToEnd, null);
    }

    public static void Processes(ProcessMeter meter, Dictionary<string, ProcessMeter.Usage> before, Dictionary<string, ProcessMeter.Usage> after, TimeSpan elapsed)
    {
        Console.WriteLine($"  {"process",-15} {"CPU s",7} {"cores",6} {"RSS last",9} {"RSS peak",9} {"PSS last",9} {"PSS peak",9}  procs");
        var total = 0.0;
        foreach (var name in meter.Names)
        {
            var cpu = after[name].CpuSeconds - before[name].CpuSeconds;
            total += cpu;
            var (rssPeak, pssPeak) = meter.PeakOf(name);
            Console.WriteLine($"  {name,-15} {cpu,7:0.0} {cpu / elapsed.TotalSeconds,6:0.00} {Mb(after[name].RssBytes),9} {Mb(Math.Max(rssPeak, after[name].RssBytes)),9} {Mb(after[name].PssBytes),9} {Mb(Math.Max(pssPeak, after[name].PssBytes)),9}  {after[name].Processes,5}");
        }
        Console.WriteLine($"  {"all",-15} {total,7:0.0} {total / elapsed.TotalSeconds,6:0.00}   of {Environment.ProcessorCount} cores over {elapsed.TotalSeconds:0} s");
    }

    private static void Line(string what, IEnumerable<double> samples, double? target)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.WriteLine($"  {what}: no samples");
            return;
        }
        var p95 = sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];
        var verdict = target is { } limit ? $" (target p95 < {limit:0} ms: {(p95 < limit ? "met" : "NOT met")})" : "";
        Console.WriteLine($"  {what}: p50 {sorted[sorted.Length / 2]:0} ms, p95 {p95:0} ms, max {sorted[^1]:0} ms, n={sorted.Length}{verdict}");
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0} MB";
}
