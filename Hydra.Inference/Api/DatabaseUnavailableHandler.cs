using Hydra.Inference.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Hydra.Inference.Api;

/// <summary>
/// Any request that finds the monitoring database unreachable (restarting, failing over, out of
/// connections, too slow to answer) gets 503 with Retry-After, as ingest does (<see cref="DatabaseOutage"/>), instead of 500: the
/// Web pages and scripts then know to try again, and the log says an outage, not a bug. Any other
/// exception falls through to the default handler's 500.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.Is(exception)) return false;
        logger.LogWarning("{Method} {Path}: the monitoring database is unavailable ({Reason})", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            // The detail is the sentence the Web pages show (ApiProblem), so it says what and what next.
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "The monitoring database is unavailable",
                Detail = $"the monitoring database is unavailable (restarting or unreachable); try again in {RetryAfterSeconds} s",
            },
        });
    }
}
