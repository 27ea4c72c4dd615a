using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Hydra.Shared;

/// <summary>
/// PostgreSQL text cannot hold a NUL character, so a name or filter carrying one (a fuzzer's
/// favourite) fails in the database. That is the sender's mistake, not the server's: answer 400
/// instead of 500, wherever in a request it happens. Nothing was stored (the statement failed).
/// </summary>
public sealed class UnstorableTextHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnstorableText(exception)) return false;
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = 400, Title = "Unstorable text", Detail = "a value contains a NUL character (or another character PostgreSQL cannot store); remove it" },
        });
    }

    private static bool IsUnstorableText(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }) return true;
        }
        return false;
    }
}
