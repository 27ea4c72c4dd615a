using Hydra.Core;
using Hydra.Web.Accounts;
using Hydra.Web.Assistant;
using Hydra.Web.Components;
using Hydra.Web.Monitoring;
using Hydra.Web.Status;
using Microsoft.FluentUI.AspNetCore.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// Web has no database: it reads the Inference and Assistant APIs and listens to Redis for live events.
builder.AddRedisClient(HydraResources.Redis);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// People sign in (local accounts checked by Inference, or OpenID Connect); every page and endpoint
// is closed unless it names who may use it (ADR-011).
builder.AddHydraWebSecurity();
builder.Services.AddFluentUIComponents();

builder.Services.AddScoped<ServiceHealthClient>();
// A health probe must report what it sees now: no retries (an unhealthy service answers 503,
// which the standard handler would retry for half a minute), just a short timeout.
// RemoveAllResilienceHandlers is marked experimental (EXTEXP0001) but is the documented way to opt
// one client out of ConfigureHttpClientDefaults.
#pragma warning disable EXTEXP0001
builder.Services.AddHttpClient(ServiceHealthClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3))
    .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

// Inference's API by service discovery, with the standard resilience handler (retries, timeouts).
// Every call carries Web's service key and the signed-in person (ServiceCallerHandler).
builder.Services.AddHttpClient<InferenceApi>(client => client.BaseAddress = InferenceApi.BaseAddress)
    .AddHttpMessageHandler<ServiceCallerHandler>();
// The assistant's chat API (streamed answers: no retries, a long timeout) and the page context it is asked about.
builder.Services.AddAssistantApi();
builder.Services.AddSingleton<LiveEvents>();
builder.Services.AddTransient<RunWatch>();
builder.Services.AddSingleton<ExpertContacts>();
builder.Services.AddHostedService(services => services.GetRequiredService<LiveEvents>());

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
// Stylesheets and scripts carry nothing secret, and the sign-in page needs them.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
    .OpenBlazorEndpoints(app.Configuration.GetValue(WebPolicies.AnonymousRunPageKey, false));
app.MapImageProxy();
app.MapAccountEndpoints();
app.MapDefaultEndpoints();
app.Run();
