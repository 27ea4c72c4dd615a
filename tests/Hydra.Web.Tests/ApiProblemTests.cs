using System.Net;
using System.Text;
using Hydra.Web.Monitoring;

namespace Hydra.Web.Tests;

/// <summary>Whatever a service answers with an error, the page shows the most telling sentence in it.</summary>
public sealed class ApiProblemTests
{
    private static Task<string> Read(HttpStatusCode status, string body) =>
        ApiProblem.ReadAsync(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") }, "Inference", default);

    [Fact]
    public async Task The_detail_wins_then_validation_errors_then_a_title_that_says_more_than_the_status()
    {
        Assert.Equal("no run 99", await Read(HttpStatusCode.NotFound, """{"title":"No such run","status":404,"detail":"no run 99"}"""));
        Assert.Equal("limit: must be between 1 and 500; plot: unknown plot type; plot: too long",
            await Read(HttpStatusCode.BadRequest, """{"title":"One or more validation errors occurred.","status":400,"errors":{"limit":["must be between 1 and 500"],"plot":["unknown plot type","too long"]}}"""));
        Assert.Equal("No run yet", await Read(HttpStatusCode.NotFound, """{"title":"No run yet","status":404}"""));
    }

    [Fact]
    public async Task A_bare_status_or_a_body_that_is_not_a_problem_falls_back_to_the_status()
    {
        Assert.Equal("Inference answered 400 Bad Request", await Read(HttpStatusCode.BadRequest, """{"title":"Bad Request","status":400}"""));
        Assert.Equal("Inference answered 502 Bad Gateway", await Read(HttpStatusCode.BadGateway, "<html>proxy error</html>"));
        Assert.StartsWith("not allowed", await Read(HttpStatusCode.Forbidden, ""));
    }
}
