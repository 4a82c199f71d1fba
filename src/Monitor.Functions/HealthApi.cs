using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Monitor.Api.Endpoints;

namespace Monitor.Functions;

/// <summary>
/// GET api/health for availability probes. The one endpoint without a key: it says only whether storage answers
/// and how old the last successful pass and digest are, nothing about feeds, items or settings.
/// </summary>
public sealed class HealthApi(HealthEndpoint health)
{
    [Function("Health")]
    public Task<IResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        health.GetAsync(request, cancellationToken);
}
