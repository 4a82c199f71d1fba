using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Monitor.Api.Endpoints;

namespace Monitor.Functions;

/// <summary>
/// Coverage by topic and claim: thin bindings of the handlers in Monitor.Api (the same ones `monitor serve`
/// maps). Reads need a function key; writes (FeedsApi) the admin key.
/// </summary>
public sealed class CoverageApi(TopicsEndpoints topics, ClaimsEndpoints claims)
{
    [Function("Topics")]
    public Task<IResult> TopicsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "topics")] HttpRequest request, CancellationToken cancellationToken) =>
        topics.ListAsync(request, cancellationToken);

    [Function("TopicCoverage")]
    public Task<IResult> CoverageAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "topics/{topic}/coverage")] HttpRequest request, string topic,
        CancellationToken cancellationToken) =>
        topics.CoverageAsync(request, topic, cancellationToken);

    [Function("Claim")]
    public Task<IResult> ClaimAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "claims/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        claims.GetAsync(request, id, cancellationToken);
}
