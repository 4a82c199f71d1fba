using Microsoft.AspNetCore.Http;
using Monitor.Api.Http;
using Monitor.Core.Articles;
using Monitor.Core.Query;

namespace Monitor.Api.Endpoints;

/// <summary>GET api/claims/{id}: the claim, its counts, first and latest items, and items per week.</summary>
public sealed class ClaimsEndpoints(ArticleCatalog catalog, ClaimActivityQuery activity, ApiGuard guard)
{
    public Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var article = RequestValues.Article(catalog, request);
        var claim = RequestValues.Claim(article, id);
        var result = await activity.GetAsync(claim.Id, article.Id, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(ClaimDetailView.From(result));
    });
}
