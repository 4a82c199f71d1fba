using Microsoft.AspNetCore.Http;
using Monitor.Api.Http;
using Monitor.Core.Articles;
using Monitor.Core.Query;

namespace Monitor.Api.Endpoints;

/// <summary>GET api/articles and GET api/articles/{id}: the followed articles, and one with its topics and claims.</summary>
public sealed class ArticlesEndpoints(ArticleCatalog catalog, CoverageQuery query, ApiGuard guard)
{
    public Task<IResult> ListAsync(HttpRequest request) => guard.RunAsync(request, () =>
        Task.FromResult(ApiResults.Json(catalog.Articles.Select(ArticleSummaryView.From).ToList())));

    public Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var article = RequestValues.Article(catalog, id);
        var summary = await query.SummariseAsync(article.Id, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(new ArticleView(article.Id, article.Title, article.Url, article.Source, CoverageViews.Iso(article.Published),
            CoverageViews.ToViews(summary)));
    });
}
