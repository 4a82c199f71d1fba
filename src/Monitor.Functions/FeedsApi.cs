using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Monitor.Api.Endpoints;

namespace Monitor.Functions;

/// <summary>The subscriptions over HTTP: listing needs a function key; subscribing and unsubscribing the admin (master) key.</summary>
public sealed class FeedsApi(FeedsEndpoints feeds)
{
    [Function("Feeds")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds")] HttpRequest request, CancellationToken cancellationToken) =>
        feeds.ListAsync(request, cancellationToken);

    [Function("AddFeed")]
    public Task<IResult> AddAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "feeds")] HttpRequest request, CancellationToken cancellationToken) =>
        feeds.AddAsync(request, cancellationToken);

    [Function("RemoveFeed")]
    public Task<IResult> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "feeds/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        feeds.RemoveAsync(request, id, cancellationToken);
}
