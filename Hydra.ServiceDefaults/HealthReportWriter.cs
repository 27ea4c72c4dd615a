using System.Text.Json;
using Hydra.Core.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Writes a health report as <see cref="ServiceHealthReport"/> JSON, reasons included.</summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(ToContract(report), Json);
    }

    /// <summary>The report as the wire contract: every check with its status and reason.</summary>
    public static ServiceHealthReport ToContract(HealthReport report) => new(
        report.Status.ToString(),
        report.TotalDuration,
        [.. report.Entries.Select(entry => new HealthCheckEntry(
            entry.Key,
            entry.Value.Status.ToString(),
            Describe(entry.Value),
            entry.Value.Duration))]);

    // A check that failed with an exception often has no description: the exception's message is
    // the reason a person needs ("Connection refused 127.0.0.1:6379"), so it is used instead.
    private static string? Describe(HealthReportEntry entry) =>
        entry.Description ?? entry.Exception?.GetBaseException().Message;
}
