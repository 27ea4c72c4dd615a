using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Hydra service shares: telemetry to the Aspire dashboard, health endpoints,
/// service discovery and resilient HTTP clients. Infrastructure only.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string ReadyPath = "/ready";

    /// <summary>Prometheus scrapes every service here (OpenTelemetry's Prometheus exporter).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Checks tagged "live" decide <c>/alive</c>: is the process itself responsive.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Checks tagged "degraded-ok" report on <c>/health</c> but do not make <c>/ready</c> fail: the
    /// service still does its main job without that dependency (Inference's ingest without Redis).
    /// </summary>
    public const string DegradedOkTag = "degraded-ok";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Reads are retried; writes (POST, PUT, PATCH, DELETE) are not: a write whose answer was
            // lost may already have happened (a label, a training job, a reference change), and a
            // person who pressed a button should hear at once that it failed rather than wait half a
            // minute. Senders whose writes are idempotent retry themselves (Iolaus's uploads; the
            // alarm webhooks keep a durable schedule).
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HydraTelemetry.MeterName)
                // Pulled by Prometheus at /metrics (MapDefaultEndpoints), beside the OTLP push below.
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, HydraTelemetry.ActivitySourceName)
                // Probes and scrapes arrive every few seconds from the AppHost, orchestrators and
                // Prometheus; tracing them would bury the traces a person actually wants to read.
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request =>
                    request.RequestUri is null || !IsProbe(request.RequestUri.AbsolutePath)));

        // The AppHost sets this variable; without it (a plain `dotnet run`) nothing is exported.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Tags already registered checks whose names start with <paramref name="namePrefix"/> as
    /// degraded-ok (client integrations such as Aspire's Redis register theirs without tags).
    /// </summary>
    public static IServiceCollection TagHealthChecksDegradedOk(this IServiceCollection services, string namePrefix) =>
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            var matched = options.Registrations.Where(r => r.Name.StartsWith(namePrefix, StringComparison.Ordinal)).ToList();
            if (matched.Count == 0) throw new InvalidOperationException($"no health check named {namePrefix}* to tag {DegradedOkTag}");
            foreach (var registration in matched) registration.Tags.Add(DegradedOkTag);
        });

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("process is responsive"), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every check, answered as JSON with each reason (the AppHost, the Web status
    /// page); <c>/ready</c>: every check but the degraded-ok ones (Kubernetes readiness);
    /// <c>/alive</c>: only the live checks (liveness); <c>/metrics</c>: Prometheus' scrape (request,
    /// HTTP client, runtime and Hydra's own meters: counts and durations, no monitoring data). All
    /// are mapped in every environment because the AppHost, Kubernetes, Prometheus and the Web
    /// status page read them in production too, without credentials: they stay anonymous under the
    /// services' deny-by-default fallback policies.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(DegradedOkTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    private static bool IsProbe(string path) =>
        path.StartsWith(HealthPath, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith(AlivePath, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith(ReadyPath, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
