using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Monitor.Api.Endpoints;

namespace Monitor.Functions;

/// <summary>The articles followed and their topics and claims: thin bindings of ArticlesEndpoints (function key).</summary>
public sealed class ArticlesApi(ArticlesEndpoints articles)
{
    [Function("Articles")]
    public Task<IResult> ArticlesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles")] HttpRequest request) =>
        articles.ListAsync(request);

    [Function("Article")]
    public Task<IResult> ArticleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        articles.GetAsync(request, id, cancellationToken);
}
