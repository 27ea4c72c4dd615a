using System.Net;
using System.Net.Http.Json;
using Hydra.Core.Accounts;
using Hydra.Core.Monitoring;
using Hydra.Inference.Tell;

namespace Hydra.Inference.Tests;

/// <summary>
/// Inference enforces the roles itself (ADR-011): whatever a page shows or hides, the API refuses
/// a caller without the service key, a Labeler's model activation and labels outside their scopes,
/// and a revoked ingest key.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class AuthorizationTests(LocalServersFixture servers) : PipelineTestBase(servers)
{
    private const string Plot = "ECAL_adcOccupancy";

    private HttpClient Client(Action<HttpClient>? setUp = null)
    {
        var client = Host.CreateClient();
        setUp?.Invoke(client);
        return client;
    }

    [Fact]
    public async Task Anonymous_callers_and_a_wrong_service_key_are_refused_but_health_stays_open()
    {
        using var anonymous = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/runs/current")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/images", Upload(TestPngs.Grey(10, salt: 1), 6001, Plot, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);

        // Forwarded roles mean nothing without the right key.
        using var forged = Client(c =>
        {
            c.DefaultRequestHeaders.Add(ServiceHeaders.ServiceKey, "guessed");
            c.DefaultRequestHeaders.Add(ServiceHeaders.User, "mallory");
            c.DefaultRequestHeaders.Add(ServiceHeaders.Roles, HydraRoles.Admin);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM images"));
    }

    [Fact]
    public async Task A_Labeler_cannot_activate_a_model_or_change_a_threshold_and_an_expert_can()
    {
        await PostImageAsync(TestPngs.Grey(10, salt: 9), 6001, Plot, 1); // the plot type exists
        var form = new MultipartFormDataContent { { new StringContent("white is bad"), "name" }, { new ByteArrayContent(BrightnessModel.Onnx()), "file", "model.onnx" } };
        var imported = await Api.PostAsync($"/api/v1/plot-types/{Plot}/models", form);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var modelId = (await imported.Content.ReadFromJsonAsync<ModelView>(HydraJson.Options))!.ModelId;

        using var labeler = Client(c => c.As("lara", [HydraRoles.Labeler], [Plot]));
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.PostAsync($"/api/v1/models/{modelId}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.PutAsJsonAsync($"/api/v1/models/{modelId}/thresholds/Bad", new ThresholdRequest(0.5f, "lara"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.PostAsJsonAsync($"/api/v1/plot-types/{Plot}/models/train", new TrainingRequest("lara"))).StatusCode);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM model_activations"));

        using var expert = Client(c => c.As("eve", HydraRoles.DetectorExpert));
        var activated = await expert.PostAsync($"/api/v1/models/{modelId}/activate", null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var activation = (await activated.Content.ReadFromJsonAsync<ActivationView>(HydraJson.Options))!;
        Assert.Equal((modelId, "eve"), (activation.ModelId, activation.ActivatedBy));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM model_activations"));
    }

    [Fact]
    public async Task A_Labeler_labels_only_the_plot_types_of_their_scopes_and_the_label_carries_their_name()
    {
        var ecal = await PostImageAsync(TestPngs.Grey(20, salt: 2), 6002, Plot, 1);
        var dc = await PostImageAsync(TestPngs.Grey(30, salt: 3), 6002, "DC_occupancyNorm_s1", 1);
        using var labeler = Client(c => c.As("lara", [HydraRoles.Labeler], ["ECAL"]));

        var refused = await labeler.PostAsJsonAsync("/api/v1/labels", new LabelBatch("lara", [new(ecal.ImageId, "Good"), new(dc.ImageId, "Good")]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("DC_occupancyNorm_s1", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM image_labels"));

        var applied = await labeler.PostAsJsonAsync("/api/v1/labels", new LabelBatch("typed name", [new(ecal.ImageId, "Good")]));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var history = await GetAsync<List<LabelView>>($"/api/v1/images/{ecal.ImageId}/labels");
        Assert.Equal("lara", Assert.Single(history).By);

        using var viewer = Client(c => c.As("vic", [HydraRoles.Viewer], ["*"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/labels", new LabelBatch("vic", [new(dc.ImageId, "Good")]))).StatusCode);
    }

    [Fact]
    public async Task A_valid_ingest_key_ingests_and_a_revoked_one_is_refused()
    {
        var created = await Api.PostAsJsonAsync("/api/v1/ingest-keys", new IngestKeyRequest("mon12 counting house"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<IngestKeyCreated>(HydraJson.Options))!;
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM ingest_keys WHERE hash = '{key.Key}'"));

        using var source = Client(c => c.WithApiKey(key.Key));
        var accepted = await source.PostAsync("/api/v1/images", Upload(TestPngs.Grey(40, salt: 4), 6003, Plot, 1));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        // A key sends images; it does not read the monitoring record.
        Assert.Equal(HttpStatusCode.Unauthorized, (await source.GetAsync("/api/v1/alarms")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Api.DeleteAsync($"/api/v1/ingest-keys/{key.Id}")).StatusCode);
        var refused = await source.PostAsync("/api/v1/images", Upload(TestPngs.Grey(50, salt: 5), 6003, Plot, 2));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM images"));
        var listed = Assert.Single(await GetAsync<List<IngestKeyView>>("/api/v1/ingest-keys"));
        Assert.NotNull(listed.RevokedAt);

        using var labeler = Client(c => c.As("lara", HydraRoles.Labeler));
        Assert.Equal(HttpStatusCode.Forbidden, (await labeler.PostAsJsonAsync("/api/v1/ingest-keys", new IngestKeyRequest("sneaky"))).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_signs_in_and_creates_a_labeler_who_can_then_sign_in_until_disabled()
    {
        using var web = Client(c => c.As(user: null));
        await WaitUntilAsync(async () => (await web.PostAsJsonAsync("/api/v1/accounts/password-check", new PasswordCheck("admin", AdminPassword))).IsSuccessStatusCode, "the seeded admin");
        var admin = (await (await web.PostAsJsonAsync("/api/v1/accounts/password-check", new PasswordCheck("admin", AdminPassword))).Content.ReadFromJsonAsync<AccountView>(HydraJson.Options))!;
        Assert.Contains(HydraRoles.Admin, admin.Roles);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.PostAsJsonAsync("/api/v1/accounts/password-check", new PasswordCheck("admin", "wrong password"))).StatusCode);

        var created = await Api.PutAsJsonAsync("/api/v1/accounts/lara", new AccountRequest("lara", "a long labeller password", [HydraRoles.Labeler], ["ECAL", "DC_occupancyNorm_s1"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lara = (await (await web.PostAsJsonAsync("/api/v1/accounts/password-check", new PasswordCheck("lara", "a long labeller password"))).Content.ReadFromJsonAsync<AccountView>(HydraJson.Options))!;
        Assert.Equal([HydraRoles.Labeler], lara.Roles);
        Assert.Equal(["ECAL", "DC_occupancyNorm_s1"], lara.LabelScopes);

        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsJsonAsync("/api/v1/accounts/lara", new AccountRequest("lara", null, [HydraRoles.Labeler], ["ECAL"], Disabled: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.PostAsJsonAsync("/api/v1/accounts/password-check", new PasswordCheck("lara", "a long labeller password"))).StatusCode);
        var listed = await GetAsync<List<AccountView>>("/api/v1/accounts");
        Assert.True(listed.Single(a => a.UserName == "lara").Disabled);
    }

    private const string AdminPassword = "first admin password";

    protected override void Configure(IDictionary<string, string?> settings) => settings["Hydra:Auth:AdminPassword"] = AdminPassword;
}
