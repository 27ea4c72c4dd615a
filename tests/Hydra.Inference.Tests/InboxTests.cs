using Hydra.Core.Classifications;
using Hydra.Core.Monitoring;
using Hydra.Inference.Ingest;

namespace Hydra.Inference.Tests;

/// <summary>The inbox folder as mon12 fills it: whole files, half-written files, links, and junk.</summary>
[Collection(PipelineCollection.Name)]
public sealed class InboxTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private readonly string _inbox = Path.Combine(Path.GetTempPath(), $"hydra-inbox-{Guid.NewGuid():N}"[..20]);
    private readonly string _elsewhere = Path.Combine(Path.GetTempPath(), $"hydra-mon12-{Guid.NewGuid():N}"[..20]);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Ingest:InboxPath"] = _inbox;
        settings["Hydra:Ingest:InboxScanInterval"] = "00:00:00.100";
        settings["Hydra:Ingest:InboxSettleTime"] = "00:00:00.200";
    }

    [Fact]
    public async Task A_file_in_a_run_folder_becomes_a_verdict_and_leaves_the_inbox()
    {
        var file = Write("5100", "HTCC_adc_0003.png", TestPngs.Grey(77, salt: 1));

        var verdict = await WaitForPlotAsync(5100, "HTCC_adc");
        Assert.Equal((VerdictOutcomes.NoModel, 3), (verdict.Classification, verdict.Chunk));
        await WaitUntilAsync(() => Task.FromResult(!File.Exists(file)), "the file to leave the inbox");
    }

    [Fact]
    public async Task A_file_still_being_written_is_read_only_when_whole()
    {
        var png = TestPngs.Grey(60, salt: 2);
        var path = Path.Combine(_inbox, "5101", "LTCC_adc_0001.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = File.Create(path))
        {
            // Half the bytes, a pause longer than a scan, then the rest: the watcher must wait.
            await stream.WriteAsync(png.AsMemory(0, png.Length / 2));
            await stream.FlushAsync();
            await Task.Delay(150);
            await stream.WriteAsync(png.AsMemory(png.Length / 2));
        }

        var verdict = await WaitForPlotAsync(5101, "LTCC_adc");
        Assert.Equal(png, await Api.GetByteArrayAsync($"/api/v1/images/{verdict.ImageId}/png"));
        Assert.False(Directory.Exists(Path.Combine(_inbox, InboxWatcher.RejectedFolder)), "nothing was refused on the way");
    }

    [Fact]
    public async Task A_symbolic_link_is_followed_and_only_the_link_is_removed()
    {
        Directory.CreateDirectory(_elsewhere);
        var target = Path.Combine(_elsewhere, "original.png");
        await File.WriteAllBytesAsync(target, TestPngs.Grey(33, salt: 3));
        Directory.CreateDirectory(Path.Combine(_inbox, "5102"));
        var link = Path.Combine(_inbox, "5102", "CND_adc_0009.png");
        File.CreateSymbolicLink(link, target);

        var verdict = await WaitForPlotAsync(5102, "CND_adc");
        Assert.Equal(9, verdict.Chunk);
        await WaitUntilAsync(() => Task.FromResult(!File.Exists(link) && !Path.Exists(link)), "the link to be removed");
        Assert.True(File.Exists(target), "the monitoring's own file is left alone");
    }

    [Theory]
    [InlineData("5103", "no_chunk_number.png", "has no chunk number")]
    [InlineData("5103", "ECAL_adc_0001.png", "not a PNG")]
    [InlineData("not-a-run", "ECAL_adc_0002.png", "not in a run folder")]
    public async Task A_bad_file_is_moved_aside_with_its_reason_and_stores_nothing(string folder, string name, string reason)
    {
        var bytes = reason == "not a PNG" ? "this is a text file"u8.ToArray() : TestPngs.Grey(1, salt: 4);
        var file = Write(folder, name, bytes);

        var rejected = Path.Combine(_inbox, InboxWatcher.RejectedFolder, folder, name);
        await WaitUntilAsync(() => Task.FromResult(File.Exists(rejected + ".reason.txt")), "the refusal");
        Assert.Contains(reason, await File.ReadAllTextAsync(rejected + ".reason.txt"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(rejected));
        Assert.False(File.Exists(file));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images"));
    }

    private string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(_inbox, folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write-then-rename, as Iolaus and careful writers do; the settle time covers the others.
        File.WriteAllBytes(path + ".partial", bytes);
        File.Move(path + ".partial", path);
        return path;
    }

    private async Task<VerdictView> WaitForPlotAsync(int run, string plot)
    {
        VerdictView? found = null;
        await WaitUntilAsync(async () =>
        {
            var response = await Api.GetAsync($"/api/v1/plot-types/{plot}/verdicts?run={run}");
            if (!response.IsSuccessStatusCode) return false;
            found = Deserialize<List<VerdictView>>(await response.Content.ReadAsStringAsync()).FirstOrDefault();
            return found is not null;
        }, $"a verdict for {plot} in run {run}");
        return found!;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var folder in new[] { _inbox, _elsewhere })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
