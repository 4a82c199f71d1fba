using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Monitor.Core;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Functions;

/// <summary>Read-only HTTP API over the coverage: the article's topics, and one topic's items newest first.</summary>
public sealed class CoverageApi(CoverageQuery query)
{
    [Function("Topics")]
    public async Task<IActionResult> TopicsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "topics")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            var summary = await query.SummariseAsync(request.Query["article"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return Json(CoverageViews.ToViews(summary));
        }
        catch (MonitorInputException e) { return BadRequest(e.Message); }
        catch (StorageUnavailableException e) { return Unavailable(e.Message); }
    }

    [Function("TopicCoverage")]
    public async Task<IActionResult> CoverageAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "topics/{topic}/coverage")] HttpRequest request,
        string topic,
        CancellationToken cancellationToken)
    {
        try
        {
            var coverage = new CoverageRequest(topic)
            {
                ClaimId = NonEmpty(request.Query["claim"]),
                Since = QueryParameters.Date(request.Query["since"], "since"),
                Limit = QueryParameters.Int(request.Query["limit"], "limit") ?? CoverageRequest.DefaultLimit,
                ArticleId = NonEmpty(request.Query["article"]),
            };
            var entries = await query.GetAsync(coverage, cancellationToken).ConfigureAwait(false);
            return Json(entries.Select(CoverageViews.ToView).ToList());
        }
        catch (MonitorInputException e) { return BadRequest(e.Message); }
        catch (StorageUnavailableException e) { return Unavailable(e.Message); }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static JsonResult Json(object value) => new(value, CoverageViews.Json);

    private static ObjectResult BadRequest(string message) => new BadRequestObjectResult(new { error = message });

    private static ObjectResult Unavailable(string message) => new(new { error = message }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
}
