using System.Net.Http.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Images;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hydra.Inference.Tests;

[Collection(PipelineCollection.Name)]
public sealed class WatchdogAndRetentionTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Hydra:Watchdog:Silence"] = "00:00:02";
        settings["Hydra:Watchdog:CheckInterval"] = "00:00:00.500";
        settings["Hydra:Retention:KeepImagesFor"] = "1.00:00:00";
    }

    [Fact]
    public async Task Silence_during_a_run_raises_no_data_arriving_and_new_images_clear_it()
    {
        var first = await PostImageAsync(TestPngs.Grey(10, salt: 1), 6400, "RF_time", 1);
        await WaitForVerdictAsync(first.ImageId);

        AlarmView? blind = null;
        await WaitUntilAsync(async () =>
        {
            blind = (await GetAsync<List<AlarmView>>("/api/v1/alarms?kind=NoDataArriving&active=true")).FirstOrDefault();
            return blind is not null;
        }, "the watchdog alarm");
        Assert.Equal(6400, blind!.RunNumber);
        Assert.Null(blind.PlotName); // the only plot type is silent: the whole monitoring is
        Assert.Contains("Hydra is blind", blind.Message);

        await PostImageAsync(TestPngs.Grey(10, salt: 2), 6400, "RF_time", 2);
        await WaitUntilAsync(async () => (await GetAsync<AlarmView>($"/api/v1/alarms/{blind.AlarmId}")).ClearedAt is not null, "the alarm to clear");
    }

    [Fact]
    public async Task Ending_the_run_clears_its_silence_alarm()
    {
        var image = await PostImageAsync(TestPngs.Grey(12, salt: 3), 6401, "HEL_rate", 1);
        await WaitForVerdictAsync(image.ImageId);
        await WaitUntilAsync(async () => (await GetAsync<List<AlarmView>>("/api/v1/alarms?active=true")).Count == 1, "the watchdog alarm");

        var response = await Api.PostAsync("/api/v1/runs/6401/end", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        await WaitUntilAsync(async () => (await GetAsync<List<AlarmView>>("/api/v1/alarms?active=true")).Count == 0, "the alarm to clear");
    }

    [Fact]
    public async Task Retention_removes_old_PNGs_but_keeps_labelled_alarmed_collected_and_every_verdict()
    {
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            var image = await PostImageAsync(TestPngs.Grey(40, salt: i), 6402, "FTCAL_adc", i);
            await WaitForVerdictAsync(image.ImageId);
            ids.Add(image.ImageId);
        }
        await ExecuteAsync($"UPDATE images SET received_at = now() - interval '3 days', is_collected = false");
        await ExecuteAsync($"UPDATE images SET received_at = now() WHERE id = {ids[0]}");                       // young
        await ExecuteAsync($"INSERT INTO image_labels (image_id, classification, labelled_by, labelled_at) VALUES ({ids[1]}, 'Good', 'expert', now())");
        await ExecuteAsync($"UPDATE images SET is_collected = true WHERE id = {ids[2]}");
        await ExecuteAsync($"INSERT INTO alarms (kind, message, raised_at, last_seen_at, image_count) VALUES ('BadPlot', 'x', now(), now(), 1)");
        await ExecuteAsync($"UPDATE verdicts SET alarm_id = (SELECT max(id) FROM alarms) WHERE image_id = {ids[3]}");

        var sweeper = Host.Services.GetServices<IHostedService>().OfType<RetentionSweeper>().Single();
        Assert.Equal(1, await sweeper.PruneAsync(CancellationToken.None));

        Assert.Equal(4, await ScalarAsync("SELECT count(*) FROM image_contents"));
        Assert.Equal(ids[4], await ScalarAsync("SELECT id FROM images WHERE pruned_at IS NOT NULL"));
        Assert.Equal(5, await ScalarAsync("SELECT count(*) FROM verdicts"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/images/{ids[4]}/png")).StatusCode);
    }

    [Fact]
    public async Task Retention_keeps_the_image_an_expert_chose_as_reference()
    {
        var reference = await PostImageAsync(TestPngs.Grey(40, salt: 1), 6403, "FTCAL_adc", 1);
        var other = await PostImageAsync(TestPngs.Grey(40, salt: 2), 6403, "FTCAL_adc", 2);
        await WaitForVerdictAsync(reference.ImageId);
        await WaitForVerdictAsync(other.ImageId);
        (await Api.PutAsJsonAsync("/api/v1/plot-types/FTCAL_adc/reference", new SetReferenceRequest(reference.ImageId, "ftcal-expert"))).EnsureSuccessStatusCode();
        await ExecuteAsync("UPDATE images SET received_at = now() - interval '3 days', is_collected = false");

        var sweeper = Host.Services.GetServices<IHostedService>().OfType<RetentionSweeper>().Single();
        Assert.Equal(1, await sweeper.PruneAsync(CancellationToken.None));

        Assert.Equal(other.ImageId, await ScalarAsync("SELECT id FROM images WHERE pruned_at IS NOT NULL"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Api.GetAsync($"/api/v1/images/{reference.ImageId}/png")).StatusCode);
    }
}
