using System.Net;
using System.Text;
using System.Text.Json;
using Hydra.Core.Accounts;
using Hydra.Core.Monitoring;
using Hydra.Web.Components.Shared;
using Hydra.Web.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Hydra.Web.Tests;

/// <summary>
/// The reference control on Plot detail and Clustering (ADR-010): who sees which button, which images
/// may become the reference, and what the page says when Inference refuses or is away.
/// </summary>
public sealed class ReferenceControlTests : BunitContext
{
    private const string Plot = "ECAL_adcOccupancy";
    private readonly FakeInference _inference = new();

    public ReferenceControlTests()
    {
        Services.AddFluentUIComponents();
        Services.AddSingleton(new InferenceApi(new HttpClient(_inference) { BaseAddress = InferenceApi.BaseAddress }, NullLogger<InferenceApi>.Instance));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static PlotReferenceView Expert(long imageId, string by = "Ada Expert") =>
        new(Plot, imageId, 16042, 3, ReferenceSources.Expert, by, new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero));

    private IRenderedComponent<ReferenceControl> Show(VerdictView verdict) =>
        Render<ReferenceControl>(p => p.Add(c => c.PlotName, Plot).Add(c => c.ImageId, verdict.ImageId).Add(c => c.RunNumber, 16042).Add(c => c.Verdict, verdict));

    private void SignIn(string name, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(roles);
    }

    [Theory]
    [InlineData(HydraRoles.DetectorExpert)]
    [InlineData(HydraRoles.Developer)]
    [InlineData(HydraRoles.Admin)]
    public void Experts_see_both_buttons_and_who_set_the_current_reference(string role)
    {
        SignIn("Ada Expert", role);
        _inference.Reference = Expert(3);
        var control = Show(Verdicts.Of(Plot, "Good", imageId: 7));

        Assert.Equal("Expert reference: image 3 (run 16042, chunk 3), set by Ada Expert on " + _inference.Reference.SetAt!.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm") + ".",
            control.Find("[data-testid='reference-current']").TextContent);
        Assert.False(control.Find("[data-testid='reference-use']").HasAttribute("disabled"));
        Assert.Equal("Clear expert reference", control.Find("[data-testid='reference-clear']").TextContent);
    }

    [Theory]
    [InlineData(HydraRoles.Viewer)]
    [InlineData(HydraRoles.Labeler)]
    [InlineData(HydraRoles.Liaison)]
    public void Others_read_who_set_it_but_get_no_buttons(string role)
    {
        SignIn("shift", role);
        _inference.Reference = Expert(3);
        var control = Show(Verdicts.Of(Plot, "Good", imageId: 7));

        Assert.Contains("set by Ada Expert", control.Find("[data-testid='reference-current']").TextContent);
        Assert.Empty(control.FindAll("button"));
        Assert.DoesNotContain(_inference.Requests, r => r.StartsWith("GET /api/v1/images/7/labels", StringComparison.Ordinal)); // no eligibility check for nobody
    }

    [Fact]
    public void Use_sets_the_shown_image_as_the_signed_in_person_and_shows_the_new_reference()
    {
        SignIn("Ada Expert", HydraRoles.DetectorExpert);
        var control = Show(Verdicts.Of(Plot, "Good", imageId: 7)); // a confirmed Good verdict, unlabelled
        Assert.Equal("none", control.Find("[data-testid='reference-current']").GetAttribute("data-source"));
        Assert.Empty(control.FindAll("[data-testid='reference-clear']"));

        control.Find("[data-testid='reference-use']").Click();

        Assert.Equal(new SetReferenceRequest(7, "Ada Expert"), _inference.LastPut);
        control.WaitForAssertion(() => Assert.Equal("This image is the expert reference.", control.Find("[data-testid='reference-is-this']").TextContent));
        Assert.Contains("set by Ada Expert", control.Find("[data-testid='reference-current']").TextContent);
        Assert.Contains("Image 7 is now the reference", control.Find("[data-testid='reference-message']").TextContent);
        Assert.Empty(control.FindAll("[data-testid='reference-use']"));
    }

    [Fact]
    public void Clear_goes_back_to_the_automatic_reference()
    {
        SignIn("Ada Expert", HydraRoles.Developer);
        _inference.Reference = Expert(7);
        _inference.AutomaticAfterClear = new PlotReferenceView(Plot, 5, 16042, 2, ReferenceSources.Automatic, null, null);
        var control = Show(Verdicts.Of(Plot, "Good", imageId: 7));
        Assert.Equal("This image is the expert reference.", control.Find("[data-testid='reference-is-this']").TextContent);

        control.Find("[data-testid='reference-clear']").Click();

        Assert.Contains($"DELETE /api/v1/plot-types/{Plot}/reference?by=Ada%20Expert", _inference.Requests);
        control.WaitForAssertion(() => Assert.Equal("automatic", control.Find("[data-testid='reference-current']").GetAttribute("data-source")));
        Assert.StartsWith("Automatic reference: image 5", control.Find("[data-testid='reference-current']").TextContent);
        Assert.Empty(control.FindAll("[data-testid='reference-clear']"));
        Assert.False(control.Find("[data-testid='reference-use']").HasAttribute("disabled"));
    }

    [Fact]
    public void Only_a_Good_image_may_become_the_reference_and_a_label_wins_over_the_verdict()
    {
        SignIn("Ada Expert", HydraRoles.DetectorExpert);

        var bad = Show(Verdicts.Of(Plot, "Bad", imageId: 7));
        Assert.True(bad.Find("[data-testid='reference-use']").HasAttribute("disabled"));
        Assert.StartsWith("Hydra judged this image Bad", bad.Find("[data-testid='reference-why-not']").TextContent);

        var unconfirmed = Show(Verdicts.Of(Plot, "Good", imageId: 8) with { Confirmed = false });
        Assert.True(unconfirmed.Find("[data-testid='reference-use']").HasAttribute("disabled"));
        Assert.Contains("unconfirmed", unconfirmed.Find("[data-testid='reference-why-not']").TextContent);

        _inference.Labels[9] = [new LabelView(9, "Bad", "Lee", Verdicts.Start, null), new LabelView(9, "Good", "Ada Expert", Verdicts.Start.AddHours(1), null)];
        var labelledGood = Show(Verdicts.Of(Plot, "Bad", imageId: 9));
        Assert.False(labelledGood.Find("[data-testid='reference-use']").HasAttribute("disabled"));
        Assert.Empty(labelledGood.FindAll("[data-testid='reference-why-not']"));

        _inference.Labels[10] = [new LabelView(10, "NoData", "Lee", Verdicts.Start, null)];
        var labelledNoData = Show(Verdicts.Of(Plot, "Good", imageId: 10));
        Assert.True(labelledNoData.Find("[data-testid='reference-use']").HasAttribute("disabled"));
        Assert.StartsWith("Lee labelled this image NoData", labelledNoData.Find("[data-testid='reference-why-not']").TextContent);
    }

    [Fact]
    public void A_refusal_and_an_unreachable_Inference_are_said_in_words()
    {
        SignIn("Ada Expert", HydraRoles.DetectorExpert);
        var control = Show(Verdicts.Of(Plot, "Good", imageId: 7));

        _inference.PutAnswer = HttpStatusCode.Forbidden;
        control.Find("[data-testid='reference-use']").Click();
        control.WaitForAssertion(() => Assert.Equal("Not set: not allowed: your account's roles do not permit this (Inference answered 403 Forbidden)",
            control.Find("[data-testid='reference-message']").TextContent));

        _inference.PutAnswer = HttpStatusCode.BadRequest; // Inference's own sentence is shown as it is
        control.Find("[data-testid='reference-use']").Click();
        control.WaitForAssertion(() => Assert.Equal("Not set: image 7 was pruned by retention; its PNG is gone", control.Find("[data-testid='reference-message']").TextContent));

        _inference.Down = true;
        control.Find("[data-testid='reference-use']").Click();
        control.WaitForAssertion(() => Assert.StartsWith("Not set: cannot reach Inference", control.Find("[data-testid='reference-message']").TextContent));
        Assert.Equal("none", control.Find("[data-testid='reference-current']").GetAttribute("data-source"));
    }

    /// <summary>Inference's reference, label and image endpoints, in memory; records every request.</summary>
    private sealed class FakeInference : HttpMessageHandler
    {
        public PlotReferenceView? Reference { get; set; }
        public PlotReferenceView? AutomaticAfterClear { get; set; }
        public Dictionary<long, List<LabelView>> Labels { get; } = [];
        public HttpStatusCode PutAnswer { get; set; } = HttpStatusCode.OK;
        public bool Down { get; set; }
        public SetReferenceRequest? LastPut { get; private set; }
        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            lock (Requests) Requests.Add($"{request.Method} {path}");
            if (Down) throw new HttpRequestException("Connection refused (inference:80)");
            var reference = $"/api/v1/plot-types/{Plot}/reference";
            if (request.Method == HttpMethod.Get && path.StartsWith(reference, StringComparison.Ordinal))
                return Reference is null ? Problem(HttpStatusCode.NotFound, "no reference") : Json(Reference);
            if (request.Method == HttpMethod.Put && path == reference)
            {
                LastPut = JsonSerializer.Deserialize<SetReferenceRequest>(await request.Content!.ReadAsStringAsync(cancellationToken), InferenceApi.Json);
                if (PutAnswer == HttpStatusCode.Forbidden) return new HttpResponseMessage(HttpStatusCode.Forbidden);
                if (PutAnswer != HttpStatusCode.OK) return Problem(PutAnswer, $"image {LastPut!.ImageId} was pruned by retention; its PNG is gone");
                Reference = Expert(LastPut!.ImageId, LastPut.SetBy);
                return Json(Reference);
            }
            if (request.Method == HttpMethod.Delete && path.StartsWith(reference, StringComparison.Ordinal))
            {
                Reference = AutomaticAfterClear;
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            if (request.Method == HttpMethod.Get && path.EndsWith("/labels", StringComparison.Ordinal))
                return Json(Labels.GetValueOrDefault(long.Parse(path.Split('/')[4]), []));
            return Problem(HttpStatusCode.NotFound, $"not faked: {path}");
        }

        private static HttpResponseMessage Json(object value) =>
            new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(value, InferenceApi.Json), Encoding.UTF8, "application/json") };

        private static HttpResponseMessage Problem(HttpStatusCode status, string detail) =>
            new(status) { Content = new StringContent(JsonSerializer.Serialize(new { title = "problem", status = (int)status, detail }), Encoding.UTF8, "application/problem+json") };
    }
}
